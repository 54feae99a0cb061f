import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { type Member, quoted, type TransferTarget } from '@profreestr/contracts';
import { useState } from 'react';
import { useTransferMember } from '../api/member-mutations';
import { FormModal } from '../components/form-modal';
import { TransferTargetPicker } from '../orgs/org-picker';
import { ActionDateFooter, useActionDate } from './action-date';
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

function TransferForm({ member, onClose }: { member: Member; onClose: () => void }) {
  const [target, setTarget] = useState<TransferTarget | null>(null);
  // A transfer takes the member out of the caller's sight: it is confirmed in words first.
  const [confirming, setConfirming] = useState(false);
  const transfer = useTransferMember(member);
  const date = useActionDate(transfer);

  // The targets are active primaries of the whole union: only the member's own is not one.
  const unavailable = (org: TransferTarget) =>
    org.id === member.orgId ? 'Член Профсоюза уже на учёте здесь' : null;

  const submit = () => {
    if (!date.check() || !target) return;
    if (!confirming) {
      setConfirming(true);
      return;
    }
    // A refusal (a date before the registration, say) is shown on the form it is about.
    transfer.mutate(
      { toOrgId: target.id, on: date.on },
      { onSuccess: onClose, onError: () => setConfirming(false) },
    );
  };

  if (confirming && target) {
    return (
      <Stack gap="md">
        <Alert color="orange" title="Подтвердите перевод" role="alert">
          {memberName(member)} будет {bySex(member, 'снят')} с учёта {date.text} и{' '}
          {bySex(member, 'поставлен')} на учёт в {quoted(target.name)}
          {target.parents.length ? ` (${target.parents.map((p) => p.name).join(', ')})` : ''}.
          Карточку затем будет видеть эта организация и организации над ней.
        </Alert>
        <Group>
          <Button onClick={submit} loading={transfer.isPending}>
            Да, перевести
          </Button>
          <Button variant="default" onClick={() => setConfirming(false)}>
            Назад
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Text size="sm">
        {memberName(member)} будет {bySex(member, 'снят')} с учёта в нынешней организации и{' '}
        {bySex(member, 'поставлен')} на учёт в выбранной первичной организации с тем же номером
        билета.
      </Text>
      <TransferTargetPicker
        label="Первичная организация"
        value={target}
        onChange={setTarget}
        unavailable={unavailable}
      />
      <ActionDateFooter
        date={date}
        dateLabel="Дата перевода"
        failureTitle="Не удалось перевести"
        submitLabel="Перевести"
        submitDisabled={!target}
        onSubmit={submit}
        onCancel={onClose}
        dirty={target !== null}
      />
    </Stack>
  );
}
