import { Alert, Button, Group, Stack } from '@mantine/core';
import { childLevelsOf, type Org, type OrgLevel, orgLevelLabels } from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { type OrgCreateBody, useCreateOrg } from '../api/org-mutations';
import { FormModal } from '../components/form-modal';
import { clearFieldError, FORM_ERRORS_NONE, type FormErrors, formErrors } from './api-errors';
import { FieldGrid } from './field-input';
import { type FieldDef, type FormValue, type FormValues, parseForm } from './field-model';
import classes from './passport.module.css';

interface ModalProps {
  org: Org;
  opened: boolean;
  onClose: () => void;
}

const TITLE = 'Создать подчинённую организацию';

export function CreateChildModal({ org, opened, onClose }: ModalProps) {
  return (
    <FormModal opened={opened} onClose={onClose} title={TITLE}>
      {opened && <CreateChildForm org={org} onClose={onClose} />}
    </FormModal>
  );
}

function CreateChildForm({ org, onClose }: { org: Org; onClose: () => void }) {
  const levels = childLevelsOf(org.level);
  const fields: FieldDef[] = [
    {
      key: 'level',
      label: 'Уровень',
      kind: 'enum',
      required: true,
      options: Object.fromEntries(levels.map((level) => [level, orgLevelLabels[level]])),
    },
    { key: 'code', label: 'Код', kind: 'code', required: true },
    { key: 'name', label: 'Полное наименование', kind: 'longtext', required: true, span: 2 },
    { key: 'shortName', label: 'Краткое наименование', kind: 'text', span: 2 },
  ];
  const [values, setValues] = useState<FormValues>({
    level: levels.length === 1 ? (levels[0] as string) : '',
    code: '',
    name: '',
    shortName: '',
  });
  const [errors, setErrors] = useState<FormErrors>(FORM_ERRORS_NONE);
  const create = useCreateOrg();
  const navigate = useNavigate();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { parsed, errors: invalid } = parseForm(fields, values);
    if (Object.keys(invalid).length > 0) {
      setErrors({ fields: invalid, general: 'Проверьте выделенные поля.' });
      return;
    }
    const body: OrgCreateBody = {
      parentId: org.id,
      level: parsed.level as OrgLevel,
      code: parsed.code as string,
      name: parsed.name as string,
      ...(parsed.shortName ? { shortName: parsed.shortName as string } : {}),
    };
    create.mutate(body, {
      onSuccess: (created) => {
        onClose();
        navigate(`/orgs/${created.id}`);
      },
      onError: (error) => setErrors(formErrors(error, '', Object.keys(values))),
    });
  };

  const set = (key: string, value: FormValue) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => clearFieldError(current, key));
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={TITLE}>
      <Stack gap="md">
        {errors.general && (
          <Alert color="red" role="alert" title="Не удалось создать">
            {errors.general}
          </Alert>
        )}
        <FieldGrid
          fields={fields}
          values={values}
          errors={errors.fields}
          onChange={set}
          disabled={create.isPending}
        />
        <Group className={classes.formActions}>
          <Button type="submit" loading={create.isPending}>
            Создать
          </Button>
          <Button variant="default" onClick={onClose} disabled={create.isPending}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
