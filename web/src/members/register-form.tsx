import { Alert, Anchor, Box, Button, Stack } from '@mantine/core';
import { type Member, memberCategoryLabels, sexLabels } from '@profreestr/contracts';
import { useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../api/client';
import { type MemberCreateBody, useCreateMember } from '../api/member-mutations';
import { clearFieldError, FORM_ERRORS_NONE, formErrors } from '../passport/api-errors';
import { FieldForm, useFieldFormState } from '../passport/field-form';
import { FieldInput } from '../passport/field-input';
import { type FieldDef, type FormValue, type FormValues, parseForm } from '../passport/field-model';
import { checkBirthDate, sexFromMiddleName } from './member-rules';
import { type OnRecordElsewhere, TransferHere } from './transfer-here';

const FIELDS: FieldDef[] = [
  { key: 'lastName', label: 'Фамилия', kind: 'name', required: true },
  { key: 'firstName', label: 'Имя', kind: 'name', required: true },
  { key: 'middleName', label: 'Отчество', kind: 'name' },
  { key: 'birthDate', label: 'Дата рождения', kind: 'date', past: true, validate: checkBirthDate },
  { key: 'sex', label: 'Пол', kind: 'enum', options: sexLabels },
  { key: 'category', label: 'Категория', kind: 'enum', options: memberCategoryLabels },
];
const CARD: FieldDef = { key: 'cardNumber', label: 'Номер билета', kind: 'card' };
const KEYS = [...FIELDS.map((def) => def.key), CARD.key];
const EMPTY: FormValues = Object.fromEntries(KEYS.map((key) => [key, '']));

interface Conflict {
  message: string;
  /** Named only when the user may see the existing record. */
  existing: OnRecordElsewhere | null;
}

interface RegisterFormProps {
  orgId: string;
  /** `transferred`: the person was on record elsewhere and moved here instead. */
  onRegistered: (member: Member, transferred?: boolean) => void;
  onCancel: () => void;
}

/** The short form of putting someone on record: the name and a few facts, the rest later. */
export function RegisterForm({ orgId, onRegistered, onCancel }: RegisterFormProps) {
  const form = useFieldFormState(EMPTY);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [transferring, setTransferring] = useState(false);
  const [hasCard, setHasCard] = useState(false);
  const sexTouched = useRef(false);
  const cardId = useId();
  const create = useCreateMember();

  const onSubmit = () => {
    setConflict(null);
    const fields = hasCard ? [...FIELDS, CARD] : FIELDS;
    const { parsed, errors: invalid } = parseForm(fields, form.values);
    if (form.reject(invalid)) return;
    // Only what is filled in: the server fills the rest (the date of record: today).
    const filled = Object.entries(parsed).filter(([, value]) => value !== null);
    const body = { orgId, ...Object.fromEntries(filled) } as MemberCreateBody;
    form.setErrors(FORM_ERRORS_NONE);
    create.mutate(body, {
      onSuccess: (member) => onRegistered(member),
      onError: (error) => {
        if (isApiError(error, 409)) {
          const person = error.details.find((detail) => detail.memberId != null);
          setConflict({
            message: error.message,
            existing: person
              ? {
                  memberId: String(person.memberId),
                  orgId: String(person.orgId),
                  orgName: String(person.orgName ?? ''),
                }
              : null,
          });
          form.setErrors(FORM_ERRORS_NONE);
          return;
        }
        form.setErrors(formErrors(error, '', KEYS));
      },
    });
  };

  const set = (key: string, value: FormValue) => {
    form.setValues((current) => {
      const next = { ...current, [key]: value };
      if (key === 'middleName' && !sexTouched.current) next.sex = sexFromMiddleName(value);
      return next;
    });
    if (key === 'sex') sexTouched.current = true;
    form.setErrors((current) => clearFieldError(current, key));
    setConflict(null);
  };

  const existing = conflict?.existing;
  if (existing && transferring) {
    return (
      <TransferHere
        existing={existing}
        orgId={orgId}
        onTransferred={(member) => onRegistered(member, true)}
        onBack={() => setTransferring(false)}
      />
    );
  }

  const here = existing?.orgId === orgId;
  const notice = conflict && (
    <Alert color="orange" role="alert" title="Такой человек уже есть в реестре">
      <Stack gap={6} align="flex-start">
        {existing
          ? here
            ? 'Уже состоит на учёте в этой организации.'
            : `Уже состоит на учёте в «${existing.orgName}».`
          : conflict.message}
        {existing && (
          <Anchor component={Link} to={`/members/${existing.memberId}`} fw={500}>
            Открыть карточку
          </Anchor>
        )}
        {existing && !here && (
          <Button size="xs" variant="light" onClick={() => setTransferring(true)}>
            Перевести сюда
          </Button>
        )}
      </Stack>
    </Alert>
  );

  return (
    <FieldForm
      label="Постановка на учёт"
      fields={FIELDS}
      form={form}
      pending={create.isPending}
      onSubmit={onSubmit}
      onCancel={onCancel}
      onChange={set}
      // «Поставить ещё» replaces the form inside the open dialog: focus the first input again.
      focus="marked"
      errorTitle="Не удалось поставить на учёт"
      submitLabel="Поставить на учёт"
      notice={notice}
    >
      <Box>
        <Button
          variant="subtle"
          px={0}
          aria-expanded={hasCard}
          aria-controls={cardId}
          onClick={() => setHasCard((open) => !open)}
          leftSection={<span aria-hidden>{hasCard ? '▾' : '▸'}</span>}
        >
          Уже есть билет
        </Button>
        <Box id={cardId} hidden={!hasCard} maw={320}>
          {hasCard && (
            <FieldInput
              def={CARD}
              value={form.values.cardNumber ?? ''}
              onChange={(value) => set(CARD.key, value)}
              error={form.errors.fields.cardNumber || undefined}
              description="16 цифр с билета. Если билета нет, номер присвоит реестр."
              disabled={create.isPending}
            />
          )}
        </Box>
      </Box>
    </FieldForm>
  );
}
