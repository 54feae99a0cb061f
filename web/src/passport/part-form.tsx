import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import type { PartItem } from '../api/org-parts';
import { formErrors } from './api-errors';
import { FieldForm, useFieldFormState } from './field-form';
import { changedKeys, type FieldDef, parseForm, toFormValues } from './field-model';

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
  const form = useFieldFormState(initial);

  const onSubmit = () => {
    // A new row is checked whole; an edit only in what it sends.
    const sent = item ? changedKeys(fields, initial, form.values) : keys;
    if (item && sent.length === 0) {
      onDone();
      return;
    }
    const { parsed, errors: invalid } = parseForm(
      fields.filter((def) => sent.includes(def.key)),
      form.values,
    );
    if (form.reject(invalid)) return;
    // A new row leaves out what is empty; an edit sends null to clear.
    const body = Object.fromEntries(
      sent.filter((key) => item || parsed[key] !== null).map((key) => [key, parsed[key]]),
    );
    save.mutate(
      { partId: item?.id ?? null, body },
      {
        onSuccess: onDone,
        onError: (error) => form.setErrors(formErrors(error, '', keys)),
      },
    );
  };

  return (
    <FieldForm
      label={label}
      fields={fields}
      form={form}
      pending={save.isPending}
      onSubmit={onSubmit}
      onCancel={onDone}
    />
  );
}
