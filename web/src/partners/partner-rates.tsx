import { Alert, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { Partner } from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { useChangeRate } from '../api/partners';
import { DateInput, parseDateInput } from '../components/date-input';
import { FormModal } from '../components/form-modal';
import { useUnsavedChanges } from '../components/unsaved-changes';
import {
  clearFieldError,
  FORM_ERRORS_NONE,
  type FormErrors,
  formErrors,
} from '../passport/api-errors';
import { formatDate } from '../passport/field-model';
import { formatRate, parsePercent } from './partner-format';

const KEYS = ['cashbackPercent', 'from'];

/** The rate in force, its history (a purchase takes the rate of its day) and «Изменить». */
export function PartnerRates({ partner }: { partner: Partner }) {
  const [changing, setChanging] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const rates = [...partner.rates].sort((a, b) => b.from.localeCompare(a.from));
  return (
    <Stack gap="sm" component="section" aria-labelledby="partner-rates">
      <Title order={2} size="h4" id="partner-rates">
        Кэшбэк
      </Title>
      <Text>
        Сейчас: <b>{formatRate(partner.cashbackPercent)}</b> от суммы покупки
      </Text>
      {notice && (
        <Alert
          color="teal"
          role="status"
          withCloseButton
          closeButtonLabel="Закрыть"
          onClose={() => setNotice(null)}
        >
          {notice}
        </Alert>
      )}
      <div>
        <Button variant="light" onClick={() => setChanging(true)}>
          Изменить ставку
        </Button>
      </div>
      {rates.length > 0 && (
        <Table aria-label="История ставок" maw={360}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>С даты</Table.Th>
              <Table.Th ta="right">Кэшбэк</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rates.map((rate) => (
              <Table.Tr key={rate.from}>
                <Table.Td>{formatDate(rate.from.slice(0, 10))}</Table.Td>
                <Table.Td ta="right">{formatRate(rate.cashbackPercent)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <FormModal
        opened={changing}
        onClose={() => setChanging(false)}
        title="Новая ставка"
        size="md"
      >
        {changing && (
          <RateForm
            partner={partner}
            onCancel={() => setChanging(false)}
            onDone={(text) => {
              setChanging(false);
              setNotice(text);
            }}
          />
        )}
      </FormModal>
    </Stack>
  );
}

interface RateFormProps {
  partner: Partner;
  onCancel: () => void;
  onDone: (notice: string) => void;
}

function RateForm({ partner, onCancel, onDone }: RateFormProps) {
  const [values, setValues] = useState({ percent: '', from: '' });
  const [errors, setErrors] = useState<FormErrors>(FORM_ERRORS_NONE);
  const change = useChangeRate(partner.id);
  const leave = useUnsavedChanges(values.percent.trim() !== '' || values.from.trim() !== '');

  const set = (key: 'percent' | 'from', value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => clearFieldError(current, key === 'from' ? key : 'cashbackPercent'));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const percent = parsePercent(values.percent);
    const from = parseDateInput(values.from, {});
    const fields: Record<string, string> = {};
    if ('error' in percent) fields.cashbackPercent = percent.error;
    if ('error' in from) fields.from = from.error;
    if ('error' in percent || 'error' in from) {
      setErrors({ fields, general: null });
      return;
    }
    const body = { cashbackPercent: percent.value, ...(from.value ? { from: from.value } : {}) };
    change.mutate(body, {
      onSuccess: () =>
        onDone(
          `Ставка ${formatRate(percent.value)} ${from.value ? `действует с ${formatDate(from.value)}` : 'действует с сегодняшнего дня'}.`,
        ),
      onError: (error) => setErrors(formErrors(error, '', KEYS)),
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Новая ставка кэшбэка">
      <Stack gap="md">
        <Text size="sm">
          Покупки считаются по ставке своего дня: прежние покупки не пересчитываются.
        </Text>
        {errors.general && (
          <Alert color="red" role="alert" title="Не удалось изменить ставку">
            {errors.general}
          </Alert>
        )}
        <TextInput
          label="Кэшбэк, %"
          description={`Сейчас ${formatRate(partner.cashbackPercent)}`}
          required
          inputMode="decimal"
          value={values.percent}
          error={errors.fields.cashbackPercent || undefined}
          onChange={(event) => set('percent', event.currentTarget.value)}
        />
        <DateInput
          label="Действует с"
          description="Пусто — с сегодняшнего дня"
          value={values.from}
          error={errors.fields.from || undefined}
          onChange={(text) => set('from', text)}
        />
        <Group>
          <Button type="submit" loading={change.isPending}>
            Сохранить
          </Button>
          <Button variant="default" onClick={() => leave(onCancel)} disabled={change.isPending}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
