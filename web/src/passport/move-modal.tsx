import { Alert, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import {
  type Org,
  type OrgLevel,
  orgLevelLabels,
  parentLevelsOf,
  quoted,
} from '@profreestr/contracts';
import { useState } from 'react';
import { useMoveOrg } from '../api/org-mutations';
import { FormModal } from '../components/form-modal';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { OrgPicker } from '../orgs/org-picker';
import { formErrors } from './api-errors';

interface ModalProps {
  org: Org;
  opened: boolean;
  onClose: () => void;
}

const TITLE = 'Перенести в другую вышестоящую организацию';

export function MoveModal({ org, opened, onClose }: ModalProps) {
  return (
    <FormModal opened={opened} onClose={onClose} title={TITLE}>
      {opened && <MoveForm org={org} onClose={onClose} />}
    </FormModal>
  );
}

function MoveForm({ org, onClose }: { org: Org; onClose: () => void }) {
  const allowed = parentLevelsOf(org.level);
  const [level, setLevel] = useState<OrgLevel | ''>('');
  const [target, setTarget] = useState<Org | null>(null);
  const move = useMoveOrg(org.id);
  const leave = useUnsavedChanges(target !== null);

  const unavailable = (candidate: Org) => {
    if (candidate.id === org.id) return 'Это сама организация';
    if (candidate.id === org.parentId) return 'Организация уже входит в её состав';
    if (!allowed.includes(candidate.level)) return 'Этот уровень не может быть вышестоящим';
    if (candidate.status !== 'active') return 'Организация ликвидирована';
    return null;
  };

  return (
    <Stack gap="md">
      <Text size="sm">
        {quoted(org.name)} вместе со всеми подчинёнными организациями и членами Профсоюза перейдёт в
        выбранную организацию.
      </Text>
      {allowed.length > 1 && !target && (
        <NativeSelect
          label="Уровень вышестоящей организации"
          value={level}
          onChange={(event) => setLevel(event.currentTarget.value as OrgLevel | '')}
          data={[
            { value: '', label: 'Любой подходящий' },
            ...allowed.map((value) => ({ value, label: orgLevelLabels[value] })),
          ]}
        />
      )}
      <OrgPicker
        label="Новая вышестоящая организация"
        value={target}
        onChange={setTarget}
        level={level || (allowed.length === 1 ? allowed[0] : undefined)}
        status="active"
        unavailable={unavailable}
      />
      {move.isError && (
        <Alert color="red" role="alert" title="Не удалось перенести">
          {formErrors(move.error, '', []).general}
        </Alert>
      )}
      <Group>
        <Button
          disabled={!target}
          loading={move.isPending}
          onClick={() => target && move.mutate(target.id, { onSuccess: onClose })}
        >
          Перенести
        </Button>
        <Button variant="default" onClick={() => leave(onClose)} disabled={move.isPending}>
          Отмена
        </Button>
      </Group>
    </Stack>
  );
}
