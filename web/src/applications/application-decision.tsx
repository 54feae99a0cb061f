import { Alert, Anchor, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { type Application, formatCardNumber, type Member } from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useAcceptApplication, useRejectApplication } from '../api/applications';
import { FormModal } from '../components/form-modal';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { ActionDateFooter, useActionDate } from '../members/action-date';
import { bySex, memberName } from '../members/member-status';
import {
  clearFieldError,
  FORM_ERRORS_NONE,
  type FormErrors,
  formErrors,
} from '../passport/api-errors';
import { formatDate } from '../passport/field-model';
import { applicantName } from './application-format';

export const ACCEPT_TITLE = 'Принять в Профсоюз';
export const REJECT_TITLE = 'Отклонить заявление';

type Done = { kind: 'accepted'; member: Member } | { kind: 'rejected' };

/**
 * «Принять» and «Отклонить» of a submitted application (for callers with
 * `application:decide`), each with its dialog, and what came of the decision. The dialogs
 * outlive the buttons: a refusal (409: decided meanwhile) refreshes the application and is
 * still said.
 */
export function ApplicationDecision({ application }: { application: Application }) {
  const [open, setOpen] = useState<'accept' | 'reject' | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const close = () => setOpen(null);

  return (
    <>
      {done?.kind === 'accepted' && <AcceptedNotice member={done.member} />}
      {done?.kind === 'rejected' && (
        <Alert color="gray" role="status" title="Заявление отклонено">
          Заявитель получит письмо с причиной отказа.
        </Alert>
      )}
      {application.status === 'submitted' && (
        <Group gap="sm">
          <Button onClick={() => setOpen('accept')}>Принять</Button>
          <Button variant="light" color="red" onClick={() => setOpen('reject')}>
            Отклонить
          </Button>
        </Group>
      )}
      <FormModal opened={open === 'accept'} onClose={close} title={ACCEPT_TITLE} size="md">
        {open === 'accept' && (
          <AcceptForm
            application={application}
            onClose={close}
            onDone={(member) => {
              close();
              setDone({ kind: 'accepted', member });
            }}
          />
        )}
      </FormModal>
      <FormModal opened={open === 'reject'} onClose={close} title={REJECT_TITLE} size="md">
        {open === 'reject' && (
          <RejectForm
            application={application}
            onClose={close}
            onDone={() => {
              close();
              setDone({ kind: 'rejected' });
            }}
          />
        )}
      </FormModal>
    </>
  );
}

function AcceptedNotice({ member }: { member: Member }) {
  return (
    <Alert color="teal" role="status" title="Заявление принято">
      <Stack gap={4} align="flex-start">
        <Text size="sm">
          {memberName(member)} {bySex(member, 'поставлен')} на учёт с{' '}
          {formatDate(member.registeredOn)}, билет № {formatCardNumber(member.cardNumber)}. На
          e-mail ушло письмо с приглашением в личный кабинет.
        </Text>
        <Anchor component={Link} to={`/members/${member.id}`} size="sm" fw={500}>
          Открыть карточку члена Профсоюза
        </Anchor>
      </Stack>
    </Alert>
  );
}

interface FormProps {
  application: Application;
  onClose: () => void;
}

/** The date of putting on record (today unless changed), then `POST …/accept { on }`. */
function AcceptForm({
  application,
  onClose,
  onDone,
}: FormProps & { onDone: (member: Member) => void }) {
  const accept = useAcceptApplication(application.id);
  const date = useActionDate(accept);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const on = date.check();
    if (!on) return;
    accept.mutate({ on }, { onSuccess: ({ member }) => onDone(member) });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={ACCEPT_TITLE}>
      <Stack gap="md">
        <Text size="sm">
          <Text span fw={600} inherit>
            {applicantName(application)}
          </Text>{' '}
          будет {bySex(application, 'поставлен')} на учёт в организации «{application.orgName}» с
          новым номером билета и получит письмо с приглашением в личный кабинет.
        </Text>
        <ActionDateFooter
          date={date}
          dateLabel="Дата постановки на учёт"
          failureTitle="Не удалось принять"
          submitLabel="Принять"
          submitDisabled={false}
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
}

const REASON_MAX = 1000;

/** A reason is required: the applicant gets it in the letter. */
function RejectForm({ application, onClose, onDone }: FormProps & { onDone: () => void }) {
  const reject = useRejectApplication(application.id);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(FORM_ERRORS_NONE);
  const leave = useUnsavedChanges(reason.trim() !== '');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (!text) {
      setErrors({ fields: { reason: 'Укажите причину отказа' }, general: null });
      return;
    }
    reject.mutate(
      { reason: text },
      {
        onSuccess: onDone,
        onError: (error) => setErrors(formErrors(error, '', ['reason'])),
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={REJECT_TITLE}>
      <Stack gap="md">
        <Text size="sm">
          Заявление{' '}
          <Text span fw={600} inherit>
            {applicantName(application)}
          </Text>{' '}
          будет отклонено. Причину заявитель получит в письме.
        </Text>
        {errors.general && (
          <Alert color="red" role="alert" title="Не удалось отклонить">
            {errors.general}
          </Alert>
        )}
        <Textarea
          label="Причина отказа"
          required
          autosize
          minRows={3}
          maxRows={8}
          maxLength={REASON_MAX}
          value={reason}
          error={errors.fields.reason || undefined}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setErrors((current) => clearFieldError(current, 'reason'));
          }}
        />
        <Group>
          <Button type="submit" color="red" loading={reject.isPending}>
            Отклонить
          </Button>
          <Button variant="default" onClick={() => leave(onClose)} disabled={reject.isPending}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
