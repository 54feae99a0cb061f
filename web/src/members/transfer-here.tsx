import { Stack, Text } from '@mantine/core';
import type { Member } from '@profreestr/contracts';
import { useTransferHere } from '../api/member-mutations';
import { ActionDateFooter, useActionDate } from './action-date';

/** The member already on record elsewhere, as the registration form's conflict names them. */
export interface OnRecordElsewhere {
  memberId: string;
  orgId: string;
  orgName: string;
}

interface TransferHereProps {
  existing: OnRecordElsewhere;
  /** The org the form was putting the person on record in. */
  orgId: string;
  onTransferred: (member: Member) => void;
  onBack: () => void;
}

/** «Перевести сюда», confirmed: the existing card moves here with its number, from a date. */
export function TransferHere({ existing, orgId, onTransferred, onBack }: TransferHereProps) {
  const transfer = useTransferHere();
  const date = useActionDate(transfer);

  const submit = () => {
    if (!date.check()) return;
    transfer.mutate(
      { memberId: existing.memberId, fromOrgId: existing.orgId, toOrgId: orgId, on: date.on },
      { onSuccess: onTransferred },
    );
  };

  return (
    <Stack gap="md" role="group" aria-label="Перевод в эту организацию">
      <Text size="sm">
        Член Профсоюза будет снят с учёта в организации «{existing.orgName}» и поставлен на учёт в
        этой организации с тем же номером билета. Новая карточка не создаётся.
      </Text>
      <ActionDateFooter
        date={date}
        dateLabel="Дата перевода"
        failureTitle="Не удалось перевести"
        submitLabel="Перевести"
        submitDisabled={false}
        onSubmit={submit}
        onCancel={onBack}
      />
    </Stack>
  );
}
