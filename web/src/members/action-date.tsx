import { Alert, Button, Group } from '@mantine/core';
import { type DateRule, todayIso, unionEraRule } from '@profreestr/contracts';
import { useState } from 'react';
import { DateInput, dateText, parseDateInput } from '../components/date-input';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { formErrors } from '../passport/api-errors';

interface Mutation {
  isError: boolean;
  isPending: boolean;
  error: unknown;
  reset: () => void;
}

/**
 * The date of a member action (today by default) and the error of its last attempt. The dates
 * of transfers and of (re)registration are the contract's `unionEraRule` unless told otherwise.
 */
export function useActionDate(mutation: Mutation, rule: DateRule = unionEraRule) {
  const [start] = useState(() => dateText(todayIso()));
  const [text, setText] = useState(start);
  const [error, setError] = useState<string | null>(null);
  // A date the server refuses goes under the date; anything else above the buttons.
  const failure = mutation.isError ? formErrors(mutation.error, '', ['on']) : null;
  const parsed = parseDateInput(text, rule, true);
  /** The day to send (YYYY-MM-DD); empty while the typed text is not a date the rule allows. */
  const on = 'value' in parsed && parsed.value !== null ? parsed.value : '';

  /** The day to send, or null after saying under the input why there is none. */
  const check = (): string | null => {
    if ('error' in parsed) setError(parsed.error);
    return on || null;
  };

  const change = (value: string) => {
    setText(value);
    mutation.reset();
    setError(null);
  };

  return { on, text, dirty: text !== start, error, setError, failure, check, change, mutation };
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
  /** Other unsaved choices of the form (a target picked): «Отмена» asks before dropping them. */
  dirty?: boolean;
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
  dirty = false,
}: ActionDateFooterProps) {
  const pending = date.mutation.isPending;
  const leave = useUnsavedChanges(dirty || date.dirty);
  return (
    <>
      <DateInput
        label={dateLabel}
        required
        value={date.text}
        error={date.error ?? (date.failure?.fields.on || undefined)}
        onChange={date.change}
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
        <Button variant="default" onClick={() => leave(onCancel)} disabled={pending}>
          Отмена
        </Button>
      </Group>
    </>
  );
}
