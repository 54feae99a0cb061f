import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { type Org, todayIso } from '@profreestr/contracts';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMergeOrg } from '../api/org-mutations';
import { FormModal } from '../components/form-modal';
import { OrgPicker } from '../orgs/org-picker';
import { formErrors } from './api-errors';
import { parseFormValue } from './field-model';

interface ModalProps {
  org: Org;
  opened: boolean;
  onClose: () => void;
}

const TITLE = 'Присоединить к другой первичной организации';

export function MergeModal({ org, opened, onClose }: ModalProps) {
  return (
    <FormModal opened={opened} onClose={onClose} title={TITLE}>
      {opened && <MergeForm org={org} onClose={onClose} />}
    </FormModal>
  );
}

function MergeForm({ org, onClose }: { org: Org; onClose: () => void }) {
  const [target, setTarget] = useState<Org | null>(null);
  const [on, setOn] = useState(todayIso());
  const [dateError, setDateError] = useState<string | null>(null);
  const merge = useMergeOrg(org.id);
  const navigate = useNavigate();

  const submit = () => {
    if (!target) return;
    const date = parseFormValue({ key: 'on', label: '', kind: 'date', past: true }, on);
    if ('error' in date) {
      setDateError(date.error);
      return;
    }
    merge.mutate(on ? { intoId: target.id, on } : { intoId: target.id }, {
      onSuccess: (merged) => {
        onClose();
        navigate(`/orgs/${merged.id}`);
      },
    });
  };

  return (
    <Stack gap="md">
      <Text size="sm">
        «{org.name}» будет присоединена к выбранной первичной организации и получит статус
        «Ликвидирована».
      </Text>
      <OrgPicker
        label="Организация, к которой присоединить"
        value={target}
        onChange={setTarget}
        level="primary"
        status="active"
        unavailable={(candidate) => (candidate.id === org.id ? 'Это сама организация' : null)}
      />
      <TextInput
        type="date"
        label="Дата присоединения"
        value={on}
        error={dateError}
        onChange={(event) => {
          setOn(event.currentTarget.value);
          setDateError(null);
        }}
      />
      {merge.isError && (
        <Alert color="red" role="alert" title="Не удалось присоединить">
          {formErrors(merge.error, '', []).general}
        </Alert>
      )}
      <Group>
        <Button disabled={!target} loading={merge.isPending} onClick={submit}>
          Присоединить
        </Button>
        <Button variant="default" onClick={onClose} disabled={merge.isPending}>
          Отмена
        </Button>
      </Group>
    </Stack>
  );
}
