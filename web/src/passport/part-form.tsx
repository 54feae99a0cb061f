import { Alert, Button, Group, Stack } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { PartItem } from '../api/org-parts';
import { clearFieldError, FORM_ERRORS_NONE, type FormErrors, formErrors } from './api-errors';
import { FieldGrid } from './field-input';
import { changedKeys, type FieldDef, type FormValue, parseForm, toFormValues } from './field-model';
import classes from './passport.module.css';

type SaveArgs = { partId: string | null; body: Record<string, unknown> };

interface PartFormProps {
  fields: FieldDef[];
  /** The row being edited; null adds a new one. */
  item: PartItem | null;
  label: string;
  save: UseMutationResult<PartItem, Error, SaveArgs>;
  onDone: () => void;
}

/** Adds a row (POST with the filled fields) or edits one (PATCH with the changed fields). */
export function PartForm({ fields, item, label, save, onDone }: PartFormProps) {
  const keys = fields.map((def) => def.key);
  const [initial] = useState(() => toFormValues(fields, item ?? {}));
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>(FORM_ERRORS_NONE);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // A new row is checked whole; an edit only in what it sends.
    const sent = item ? changedKeys(fields, initial, values) : keys;
    if (item && sent.length === 0) {
      onDone();
      return;
    }
    const { parsed, errors: invalid } = parseForm(
      fields.filter((def) => sent.includes(def.key)),
      values,
    );
    if (Object.keys(invalid).length > 0) {
      setErrors({ fields: invalid, general: 'Проверьте выделенные поля.' });
      return;
    }
    // A new row leaves out what is empty; an edit sends null to clear.
    const body = Object.fromEntries(
      sent.filter((key) => item || parsed[key] !== null).map((key) => [key, parsed[key]]),
    );
    save.mutate(
      { partId: item?.id ?? null, body },
      {
        onSuccess: onDone,
        onError: (error) => setErrors(formErrors(error, '', keys)),
      },
    );
  };

  const set = (key: string, value: FormValue) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => clearFieldError(current, key));
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={label}>
      <Stack gap="md">
        {errors.general && (
          <Alert color="red" role="alert" title="Не удалось сохранить">
            {errors.general}
          </Alert>
        )}
        <FieldGrid
          fields={fields}
          values={values}
          errors={errors.fields}
          onChange={set}
          disabled={save.isPending}
        />
        <Group className={classes.formActions}>
          <Button type="submit" loading={save.isPending}>
            Сохранить
          </Button>
          <Button variant="default" onClick={onDone} disabled={save.isPending}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
