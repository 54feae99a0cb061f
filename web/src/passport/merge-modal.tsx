import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { type Org, quoted, todayIso, unionEraRule } from '@profreestr/contracts';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMergeOrg } from '../api/org-mutations';
import { DateInput, dateText, parseDateInput } from '../components/date-input';
import { FormModal } from '../components/form-modal';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { OrgPicker } from '../orgs/org-picker';
import { formErrors } from './api-errors';

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
  const [today] = useState(() => dateText(todayIso()));
  const [onText, setOnText] = useState(today);
  const [dateError, setDateError] = useState<string | null>(null);
  const merge = useMergeOrg(org.id);
  const navigate = useNavigate();
  const leave = useUnsavedChanges(target !== null || onText !== today);

  const submit = () => {
    if (!target) return;
    // Empty: the server takes today.
    const date = parseDateInput(onText, unionEraRule);
    if ('error' in date) {
      setDateError(date.error);
      return;
    }
    const on = date.value;
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
        {quoted(org.name)} будет присоединена к выбранной первичной организации и получит статус
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
      <DateInput
        label="Дата присоединения"
        value={onText}
        error={dateError}
        onChange={(text) => {
          setOnText(text);
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
        <Button variant="default" onClick={() => leave(onClose)} disabled={merge.isPending}>
          Отмена
        </Button>
      </Group>
    </Stack>
  );
}
