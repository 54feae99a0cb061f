import { Checkbox, Stack, Text } from '@mantine/core';
import type { Member, Org } from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { useReadmitMember } from '../api/member-mutations';
import { FormModal } from '../components/form-modal';
import { OrgPicker } from '../orgs/org-picker';
import { formatDate } from '../passport/field-model';
import { ActionDateFooter, useActionDate } from './action-date';
import { memberName } from './member-status';
import { OrgName } from './org-name';

interface ModalProps {
  member: Member;
  opened: boolean;
  onClose: () => void;
}

export const READMIT_TITLE = 'Поставить на учёт повторно';

export function ReadmitModal({ member, opened, onClose }: ModalProps) {
  return (
    <FormModal opened={opened} onClose={onClose} title={READMIT_TITLE}>
      {opened && <ReadmitForm member={member} onClose={onClose} />}
    </FormModal>
  );
}

/** Back on record with the same card number: in the last org, or in another primary. */
function ReadmitForm({ member, onClose }: { member: Member; onClose: () => void }) {
  const [elsewhere, setElsewhere] = useState(false);
  const [target, setTarget] = useState<Org | null>(null);
  const readmit = useReadmitMember(member);
  const date = useActionDate(readmit);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const on = date.check();
    if (!on) return;
    if (member.deregisteredOn && on < member.deregisteredOn) {
      date.setError(`Не раньше снятия с учёта (${formatDate(member.deregisteredOn)})`);
      return;
    }
    const body = elsewhere && target ? { on, orgId: target.id } : { on };
    readmit.mutate(body, { onSuccess: onClose });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Повторная постановка на учёт">
      <Stack gap="md">
        <Text size="sm">
          {memberName(member)} снова будет на учёте с прежним номером билета; начнётся новый период
          учёта.
        </Text>
        {!elsewhere && (
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              Организация
            </Text>
            <OrgName id={member.orgId} />
          </Stack>
        )}
        <Checkbox
          label="В другую первичную организацию"
          checked={elsewhere}
          onChange={(event) => setElsewhere(event.currentTarget.checked)}
        />
        {elsewhere && (
          <OrgPicker
            label="Первичная организация"
            value={target}
            onChange={setTarget}
            level="primary"
            status="active"
          />
        )}
        <ActionDateFooter
          date={date}
          dateLabel="Дата постановки на учёт"
          failureTitle="Не удалось поставить на учёт"
          submitLabel={READMIT_TITLE}
          submitDisabled={elsewhere && !target}
          onCancel={onClose}
          dirty={elsewhere}
        />
      </Stack>
    </form>
  );
}
