import { Alert, Button, FileInput, SegmentedControl, Stack, Text } from '@mantine/core';
import type { ImportKind, Org, StaffAction } from '@profreestr/contracts';
import { importKindLabels } from '@profreestr/contracts';
import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../api/client';
import { useStartImport } from '../api/imports';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { OrgPicker } from '../orgs/org-picker';
import { formErrors } from '../passport/api-errors';
import { ImportHelp } from './import-help';

const MAX_MB = 50;
const ACCEPT = '.csv,.xlsx';
const TOO_LARGE = `Файл больше ${MAX_MB} МБ. Разделите его на части и загрузите по очереди.`;
export const IMPORT_KINDS: readonly ImportKind[] = ['members', 'orgs'];
/** What a file of each kind does, so the action the user must be allowed. */
export const importAction: Record<ImportKind, StaffAction> = {
  members: 'member:create',
  orgs: 'org:create',
};

type Field = 'kind' | 'orgId' | 'file';
interface Errors {
  fields: Partial<Record<Field, string>>;
  general: string | null;
}
const NO_ERRORS: Errors = { fields: {}, general: null };

/** What the browser can tell before sending: the server checks the same and more. */
function checkForm(org: Org | null, file: File | null): Errors['fields'] {
  const fields: Errors['fields'] = {};
  if (!org) fields.orgId = 'Выберите организацию';
  if (!file) fields.file = 'Выберите файл';
  else if (!/\.(csv|xlsx)$/i.test(file.name)) fields.file = 'Нужен файл CSV или XLSX';
  else if (file.size > MAX_MB * 1024 * 1024) fields.file = TOO_LARGE;
  return fields;
}

function uploadErrors(error: unknown): Errors {
  // A proxy may answer 413 before the server does, without our JSON body.
  if (isApiError(error, 413)) {
    return {
      fields: { file: error.code === 'too_large' ? error.message : TOO_LARGE },
      general: null,
    };
  }
  return formErrors(error, '', ['kind', 'orgId', 'file']);
}

interface ImportFormProps {
  ownOrg: Org | null;
  /** The kinds the user may load (not empty), in IMPORT_KINDS order. */
  kinds: readonly ImportKind[];
}

/** Kind, target org and file; on success the import's page shows how it goes. */
export function ImportForm({ ownOrg, kinds }: ImportFormProps) {
  const [kind, setKind] = useState<ImportKind>(kinds[0] ?? 'members');
  // Until the user picks another, the target is their own org.
  const [picked, setPicked] = useState<Org | null | undefined>(undefined);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const start = useStartImport();
  const navigate = useNavigate();
  const kindLabelId = useId();
  const target = picked === undefined ? ownOrg : picked;
  // A chosen file not yet sent: leaving the page asks first.
  useUnsavedChanges(file !== null && !start.isPending);

  const clear = (field: Field) =>
    setErrors((current) => ({ ...current, fields: { ...current.fields, [field]: undefined } }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const fields = checkForm(target, file);
    if (!target || !file || Object.keys(fields).length > 0) {
      setErrors({ fields, general: null });
      return;
    }
    setErrors(NO_ERRORS);
    start.mutate(
      { kind, orgId: target.id, file },
      {
        onSuccess: ({ id }) => navigate(`/imports/${id}`),
        onError: (error) => setErrors(uploadErrors(error)),
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw={560}>
        <Stack gap={4}>
          <Text size="sm" fw={500} id={kindLabelId}>
            Что загружаем
          </Text>
          <SegmentedControl
            aria-labelledby={kindLabelId}
            data={kinds.map((value) => ({ value, label: importKindLabels[value] }))}
            value={kind}
            onChange={(value) => {
              setKind(value as ImportKind);
              clear('kind');
            }}
            fullWidth
          />
          {errors.fields.kind && (
            <Text size="xs" c="red">
              {errors.fields.kind}
            </Text>
          )}
        </Stack>
        <Stack gap={4}>
          <OrgPicker
            label="Куда загружаем"
            value={target}
            onChange={(org) => {
              setPicked(org);
              clear('orgId');
            }}
            status="active"
          />
          {errors.fields.orgId && (
            <Text size="xs" c="red" role="alert">
              {errors.fields.orgId}
            </Text>
          )}
        </Stack>
        <FileInput
          label="Файл"
          name="file"
          accept={ACCEPT}
          placeholder="Выберите файл CSV или XLSX"
          value={file}
          onChange={(value) => {
            setFile(value);
            clear('file');
          }}
          clearable
          clearButtonProps={{ 'aria-label': 'Убрать файл' }}
          error={errors.fields.file}
        />
        {errors.general && (
          <Alert color="red" role="alert" title="Не удалось загрузить файл">
            {errors.general}
          </Alert>
        )}
        <Button type="submit" size="md" loading={start.isPending} fullWidth maw={{ sm: 240 }}>
          Загрузить
        </Button>
        <ImportHelp kind={kind} />
      </Stack>
    </form>
  );
}
