import { Stack, Text } from '@mantine/core';
import type { Member, Org } from '@profreestr/contracts';
import { useState } from 'react';
import { useTransferMember } from '../api/member-mutations';
import { FormModal } from '../components/form-modal';
import { OrgPicker } from '../orgs/org-picker';
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
  const [target, setTarget] = useState<Org | null>(null);
  const transfer = useTransferMember(member);
  const date = useActionDate(transfer);

  const unavailable = (org: Org) => {
    if (org.id === member.orgId) return 'Член Профсоюза уже на учёте здесь';
    if (org.status !== 'active') return 'Организация ликвидирована';
    return null;
  };

  const submit = () => {
    if (!date.check()) return;
    if (target) transfer.mutate({ toOrgId: target.id, on: date.on }, { onSuccess: onClose });
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
      <ActionDateFooter
        date={date}
        dateLabel="Дата перевода"
        failureTitle="Не удалось перевести"
        submitLabel="Перевести"
        submitDisabled={!target}
        onSubmit={submit}
        onCancel={onClose}
      />
    </Stack>
  );
}
