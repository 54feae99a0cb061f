import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { type Member, type Org, todayIso } from '@profreestr/contracts';
import { useState } from 'react';
import { useTransferMember } from '../api/member-mutations';
import { FormModal } from '../components/form-modal';
import { OrgPicker } from '../orgs/org-picker';
import { formErrors } from '../passport/api-errors';
import { parseFormValue } from '../passport/field-model';
import { bySex, memberName } from './member-status';

interface ModalProps {
  member: Member;
  opened: boolean;
  onClose: () => void;
}

const TITLE = 'Перевести в другую организацию';

export function TransferModal({ member, opened, onClose }: ModalProps) {
  return (
    <FormModal opened={opened} onClose={onClose} title={TITLE}>
      {opened && <TransferForm member={member} onClose={onClose} />}
    </FormModal>
  );
}

const DATE = { key: 'on', label: '', kind: 'date', required: true, past: true } as const;

function TransferForm({ member, onClose }: { member: Member; onClose: () => void }) {
  const [target, setTarget] = useState<Org | null>(null);
  const [on, setOn] = useState(todayIso());
  const [dateError, setDateError] = useState<string | null>(null);
  const transfer = useTransferMember(member);
  // A date the server refuses goes under the date; anything else above the buttons.
  const failure = transfer.isError ? formErrors(transfer.error, '', ['on']) : null;

  const unavailable = (org: Org) => {
    if (org.id === member.orgId) return 'Член Профсоюза уже на учёте здесь';
    if (org.status !== 'active') return 'Организация ликвидирована';
    return null;
  };

  const submit = () => {
    const date = parseFormValue(DATE, on);
    if ('error' in date) {
      setDateError(date.error);
      return;
    }
    if (target) transfer.mutate({ toOrgId: target.id, on }, { onSuccess: onClose });
  };

  return (
    <Stack gap="md">
      <Text size="sm">
        {memberName(member)} будет {bySex(member, 'снят')} с учёта в нынешней организации и{' '}
        {bySex(member, 'поставлен')} на учёт в выбранной первичной организации с тем же номером
        билета.
      </Text>
      <OrgPicker
        label="Первичная организация"
        value={target}
        onChange={setTarget}
        level="primary"
        status="active"
        unavailable={unavailable}
      />
      <TextInput
        type="date"
        label="Дата перевода"
        required
        max={todayIso()}
        value={on}
        error={dateError ?? (failure?.fields.on || undefined)}
        onChange={(event) => {
          setOn(event.currentTarget.value);
          transfer.reset();
          setDateError(null);
        }}
      />
      {failure?.general && (
        <Alert color="red" role="alert" title="Не удалось перевести">
          {failure.general}
        </Alert>
      )}
      <Group>
        <Button disabled={!target} loading={transfer.isPending} onClick={submit}>
          Перевести
        </Button>
        <Button variant="default" onClick={onClose} disabled={transfer.isPending}>
          Отмена
        </Button>
      </Group>
    </Stack>
  );
}
