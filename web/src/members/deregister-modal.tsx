import { Alert, Button, Group, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import {
  type DeregisterReason,
  deregisterReasonLabels,
  deregisterReasons,
  type Member,
  todayIso,
  unionEraRule,
} from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { useDeregisterMember } from '../api/member-mutations';
import { DateInput, dateText, parseDateInput } from '../components/date-input';
import { FormModal } from '../components/form-modal';
import { useUnsavedChanges } from '../components/unsaved-changes';
import {
  clearFieldError,
  FORM_ERRORS_NONE,
  type FormErrors,
  formErrors,
} from '../passport/api-errors';
import { formatDate } from '../passport/field-model';
import { bySex, memberName } from './member-status';

interface DeregisterModalProps {
  /** The member to take off record; null keeps the dialog closed. */
  member: Member | null;
  onClose: () => void;
  onDone?: (member: Member) => void;
}

const TITLE = 'Снять с учёта';
const KEYS = ['on', 'reason', 'note'];
const REASON_OPTIONS = [
  { value: '', label: 'Выберите причину', disabled: true },
  ...deregisterReasons.map((value) => ({ value, label: deregisterReasonLabels[value] })),
];

export function DeregisterModal({ member, onClose, onDone }: DeregisterModalProps) {
  return (
    <FormModal opened={member !== null} onClose={onClose} title={TITLE} size="md">
      {member && (
        <DeregisterForm
          key={member.id}
          member={member}
          onClose={onClose}
          onDone={(done) => {
            onClose();
            onDone?.(done);
          }}
        />
      )}
    </FormModal>
  );
}

interface FormProps {
  member: Member;
  onClose: () => void;
  onDone: (member: Member) => void;
}

function DeregisterForm({ member, onClose, onDone }: FormProps) {
  const [start] = useState(() => ({ on: dateText(todayIso()), reason: '', note: '' }));
  const [values, setValues] = useState(start);
  const [errors, setErrors] = useState<FormErrors>(FORM_ERRORS_NONE);
  const deregister = useDeregisterMember(member.id);
  const leave = useUnsavedChanges(
    values.on !== start.on || values.reason !== start.reason || values.note.trim() !== '',
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const fields: Record<string, string> = {};
    const date = parseDateInput(values.on, unionEraRule, true);
    const on = 'value' in date ? date.value : null;
    if ('error' in date) fields.on = date.error;
    else if (on && on < member.registeredOn) {
      fields.on = `Не раньше постановки на учёт (${formatDate(member.registeredOn)})`;
    }
    if (!values.reason) fields.reason = 'Выберите причину';
    if (!on || Object.keys(fields).length > 0) {
      setErrors({ fields, general: null });
      return;
    }
    const note = values.note.trim();
    deregister.mutate(
      { on, reason: values.reason as DeregisterReason, ...(note ? { note } : {}) },
      {
        onSuccess: onDone,
        onError: (error) => setErrors(formErrors(error, '', KEYS)),
      },
    );
  };

  const set = (key: keyof typeof values, value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => clearFieldError(current, key));
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Снятие с учёта">
      <Stack gap="md">
        <Text size="sm">
          <Text span fw={600} inherit>
            {memberName(member)}
          </Text>{' '}
          будет {bySex(member, 'снят')} с учёта. Номер билета сохраняется: поставить на учёт
          повторно можно из карточки.
        </Text>
        {errors.general && (
          <Alert color="red" role="alert" title="Не удалось снять с учёта">
            {errors.general}
          </Alert>
        )}
        <DateInput
          label="Дата снятия"
          required
          value={values.on}
          error={errors.fields.on || undefined}
          onChange={(text) => set('on', text)}
        />
        <NativeSelect
          label="Причина"
          required
          data={REASON_OPTIONS}
          value={values.reason}
          error={errors.fields.reason || undefined}
          onChange={(event) => set('reason', event.currentTarget.value)}
        />
        <Textarea
          label="Комментарий"
          autosize
          minRows={2}
          maxRows={6}
          maxLength={1000}
          value={values.note}
          error={errors.fields.note || undefined}
          onChange={(event) => set('note', event.currentTarget.value)}
        />
        <Group>
          <Button type="submit" color="red" loading={deregister.isPending}>
            Снять с учёта
          </Button>
          <Button variant="default" onClick={() => leave(onClose)} disabled={deregister.isPending}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
