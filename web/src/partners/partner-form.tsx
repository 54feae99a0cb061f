import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { type PartnerWithKey, useCreatePartner } from '../api/partners';
import { useUnsavedChanges } from '../components/unsaved-changes';
import {
  clearFieldError,
  FORM_ERRORS_NONE,
  type FormErrors,
  formErrors,
} from '../passport/api-errors';
import { parsePercent } from './partner-format';

const KEYS = ['name', 'cashbackPercent'];

interface PartnerFormProps {
  onCancel: () => void;
  /** The partner added, with its key to show once. */
  onCreated: (result: PartnerWithKey) => void;
}

/** A new partner: its name and the cashback percent from today. */
export function PartnerForm({ onCancel, onCreated }: PartnerFormProps) {
  const [values, setValues] = useState({ name: '', percent: '' });
  const [errors, setErrors] = useState<FormErrors>(FORM_ERRORS_NONE);
  const create = useCreatePartner();
  const leave = useUnsavedChanges(values.name.trim() !== '' || values.percent.trim() !== '');

  const set = (key: 'name' | 'percent', value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => clearFieldError(current, key === 'name' ? key : 'cashbackPercent'));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const name = values.name.trim();
    const percent = parsePercent(values.percent);
    const fields: Record<string, string> = {};
    if (!name) fields.name = 'Заполните поле';
    if ('error' in percent) fields.cashbackPercent = percent.error;
    if (!name || 'error' in percent) {
      setErrors({ fields, general: null });
      return;
    }
    create.mutate(
      { name, cashbackPercent: percent.value },
      { onSuccess: onCreated, onError: (error) => setErrors(formErrors(error, '', KEYS)) },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Новый партнёр">
      <Stack gap="md">
        {errors.general && (
          <Alert color="red" role="alert" title="Не удалось добавить партнёра">
            {errors.general}
          </Alert>
        )}
        <TextInput
          label="Название"
          required
          maxLength={200}
          value={values.name}
          error={errors.fields.name || undefined}
          onChange={(event) => set('name', event.currentTarget.value)}
        />
        <TextInput
          label="Кэшбэк, %"
          description="От 0,01 до 100, не больше двух знаков после запятой"
          required
          inputMode="decimal"
          value={values.percent}
          error={errors.fields.cashbackPercent || undefined}
          onChange={(event) => set('percent', event.currentTarget.value)}
        />
        <Group>
          <Button type="submit" loading={create.isPending}>
            Добавить
          </Button>
          <Button variant="default" onClick={() => leave(onCancel)} disabled={create.isPending}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
