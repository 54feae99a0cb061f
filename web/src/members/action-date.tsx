import { Alert, Button, Group, TextInput } from '@mantine/core';
import { todayIso } from '@profreestr/contracts';
import { useState } from 'react';
import { formErrors } from '../passport/api-errors';
import { parseFormValue } from '../passport/field-model';

const DATE = { key: 'on', label: '', kind: 'date', required: true, past: true } as const;

interface Mutation {
  isError: boolean;
  isPending: boolean;
  error: unknown;
  reset: () => void;
}

/** The date of a member action (today by default) and the error of its last attempt. */
export function useActionDate(mutation: Mutation) {
  const [on, setOn] = useState(todayIso());
  const [error, setError] = useState<string | null>(null);
  // A date the server refuses goes under the date; anything else above the buttons.
  const failure = mutation.isError ? formErrors(mutation.error, '', ['on']) : null;

  /** Whether the date is one to send; if not, says why under it. */
  const check = () => {
    const date = parseFormValue(DATE, on);
    if ('error' in date) setError(date.error);
    return !('error' in date);
  };

  const change = (value: string) => {
    setOn(value);
    mutation.reset();
    setError(null);
  };

  return { on, error, setError, failure, check, change, mutation };
}

interface ActionDateFooterProps {
  date: ReturnType<typeof useActionDate>;
  dateLabel: string;
  failureTitle: string;
  submitLabel: string;
  submitDisabled: boolean;
  /** Without it, the button submits the form around it. */
  onSubmit?: () => void;
  onCancel: () => void;
}

/** The end of a member action's form: the date, the error, the action and «Отмена». */
export function ActionDateFooter({
  date,
  dateLabel,
  failureTitle,
  submitLabel,
  submitDisabled,
  onSubmit,
  onCancel,
}: ActionDateFooterProps) {
  const pending = date.mutation.isPending;
  return (
    <>
      <TextInput
        type="date"
        label={dateLabel}
        required
        max={todayIso()}
        value={date.on}
        error={date.error ?? (date.failure?.fields.on || undefined)}
        onChange={(event) => date.change(event.currentTarget.value)}
      />
      {date.failure?.general && (
        <Alert color="red" role="alert" title={failureTitle}>
          {date.failure.general}
        </Alert>
      )}
      <Group>
        <Button
          {...(onSubmit ? { onClick: onSubmit } : { type: 'submit' as const })}
          disabled={submitDisabled}
          loading={pending}
        >
          {submitLabel}
        </Button>
        <Button variant="default" onClick={onCancel} disabled={pending}>
          Отмена
        </Button>
      </Group>
    </>
  );
}
