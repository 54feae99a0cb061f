import { Alert, Button, Group, Stack } from '@mantine/core';
import {
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useRef,
  useState,
} from 'react';
import { useInDialog, useUnsavedChanges } from '../components/unsaved-changes';
import { clearFieldError, FORM_ERRORS_NONE, type FormErrors } from './api-errors';
import { FieldGrid } from './field-input';
import type { FieldDef, FieldErrors, FormValue, FormValues } from './field-model';
import classes from './passport.module.css';

/** The values and errors of a form of fields. */
export function useFieldFormState(initial: FormValues | (() => FormValues)) {
  const [values, setValues] = useState<FormValues>(initial);
  const [start] = useState<FormValues>(values);
  const [errors, setErrors] = useState<FormErrors>(FORM_ERRORS_NONE);
  /** Something was typed that is not saved: leaving the form asks first. */
  const dirty = Object.keys({ ...start, ...values }).some(
    (key) => (values[key] ?? '') !== (start[key] ?? ''),
  );

  /** Typing into an input updates its value and drops its error. */
  const set = (key: string, value: FormValue) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => clearFieldError(current, key));
  };

  /** Shows the problems under their inputs; false when there are none. */
  const reject = (problems: FieldErrors) => {
    if (Object.keys(problems).length === 0) return false;
    setErrors({ fields: problems, general: 'Проверьте выделенные поля.' });
    return true;
  };

  return { values, setValues, errors, setErrors, set, reject, dirty };
}

export type FieldFormState = ReturnType<typeof useFieldFormState>;

interface FieldFormProps {
  /** The form's accessible name. */
  label: string;
  fields: FieldDef[];
  form: FieldFormState;
  pending: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  /** Instead of `form.set`, when a change does more. */
  onChange?: (key: string, value: FormValue) => void;
  /**
   * On mount, focus the first input (a form opened in place of its view) or the marked one
   * (a dialog: its focus trap looks for the mark too).
   */
  focus?: 'first' | 'marked';
  /** With `focus="marked"`: the field to focus instead of the first (a link to one field). */
  focusKey?: string | undefined;
  errorTitle?: string;
  submitLabel?: string;
  /** Above the error, such as a notice of a conflict. */
  notice?: ReactNode;
  /** Between the inputs and the buttons. */
  children?: ReactNode;
}

/**
 * A form of fields: the error above, the inputs, «Сохранить» and «Отмена». With unsaved
 * changes, «Отмена», Escape (in a page's form; a dialog handles its own) and leaving the page
 * ask first.
 */
export function FieldForm({
  label,
  fields,
  form,
  pending,
  onSubmit,
  onCancel,
  onChange,
  focus,
  focusKey,
  errorTitle = 'Не удалось сохранить',
  submitLabel = 'Сохранить',
  notice,
  children,
}: FieldFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const leave = useUnsavedChanges(form.dirty);
  const inDialog = useInDialog();
  const cancel = () => leave(onCancel);

  useEffect(() => {
    if (!focus) return;
    const selector = focus === 'first' ? 'input, textarea, select' : '[data-autofocus]';
    formRef.current?.querySelector<HTMLElement>(selector)?.focus();
  }, [focus]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || inDialog || pending || event.defaultPrevented) return;
    event.preventDefault();
    cancel();
  };

  return (
    <form ref={formRef} onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-label={label}>
      <Stack gap="md">
        {notice}
        {form.errors.general && (
          <Alert color="red" role="alert" title={errorTitle}>
            {form.errors.general}
          </Alert>
        )}
        <FieldGrid
          fields={fields}
          values={form.values}
          errors={form.errors.fields}
          onChange={onChange ?? form.set}
          disabled={pending}
          autoFocus={focus === 'marked'}
          focusKey={focusKey}
        />
        {children}
        <Group className={classes.formActions}>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
          <Button variant="default" onClick={cancel} disabled={pending}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
