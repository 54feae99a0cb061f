import { Alert, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { type Member, type Org, todayIso } from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { useReadmitMember } from '../api/member-mutations';
import { FormModal } from '../components/form-modal';
import { OrgPicker } from '../orgs/org-picker';
import { formErrors } from '../passport/api-errors';
import { formatDate, parseFormValue } from '../passport/field-model';
import { memberName } from './member-status';
import { OrgName } from './org-name';

interface ModalProps {
  member: Member;
  opened: boolean;
  onClose: () => void;
}

export const READMIT_TITLE = 'Поставить на учёт повторно';
const DATE = { key: 'on', label: '', kind: 'date', required: true, past: true } as const;

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
  const [on, setOn] = useState(todayIso());
  const [dateError, setDateError] = useState<string | null>(null);
  const readmit = useReadmitMember(member);
  // A date the server refuses goes under the date; anything else above the buttons.
  const failure = readmit.isError ? formErrors(readmit.error, '', ['on']) : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const date = parseFormValue(DATE, on);
    if ('error' in date) {
      setDateError(date.error);
      return;
    }
    if (member.deregisteredOn && on < member.deregisteredOn) {
      setDateError(`Не раньше снятия с учёта (${formatDate(member.deregisteredOn)})`);
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
        <TextInput
          type="date"
          label="Дата постановки на учёт"
          required
          max={todayIso()}
          value={on}
          error={dateError ?? (failure?.fields.on || undefined)}
          onChange={(event) => {
            setOn(event.currentTarget.value);
            readmit.reset();
            setDateError(null);
          }}
        />
        {failure?.general && (
          <Alert color="red" role="alert" title="Не удалось поставить на учёт">
            {failure.general}
          </Alert>
        )}
        <Group>
          <Button type="submit" disabled={elsewhere && !target} loading={readmit.isPending}>
            {READMIT_TITLE}
          </Button>
          <Button variant="default" onClick={onClose} disabled={readmit.isPending}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
