import { childLevelsOf, type Org, type OrgLevel, orgLevelLabels } from '@profreestr/contracts';
import { useNavigate } from 'react-router';
import { type OrgCreateBody, useCreateOrg } from '../api/org-mutations';
import { FormModal } from '../components/form-modal';
import { formErrors } from './api-errors';
import { FieldForm, useFieldFormState } from './field-form';
import { type FieldDef, parseForm } from './field-model';

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
  const form = useFieldFormState({
    level: levels.length === 1 ? (levels[0] as string) : '',
    code: '',
    name: '',
    shortName: '',
  });
  const create = useCreateOrg();
  const navigate = useNavigate();

  const onSubmit = () => {
    const { parsed, errors: invalid } = parseForm(fields, form.values);
    if (form.reject(invalid)) return;
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
      onError: (error) => form.setErrors(formErrors(error, '', Object.keys(form.values))),
    });
  };

  return (
    <FieldForm
      label={TITLE}
      fields={fields}
      form={form}
      pending={create.isPending}
      onSubmit={onSubmit}
      onCancel={onClose}
      errorTitle="Не удалось создать"
      submitLabel="Создать"
    />
  );
}
