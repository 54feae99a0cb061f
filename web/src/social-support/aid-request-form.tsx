import { Alert, Button, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { aidRequestCreateSchema, type Benefit } from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { useRequestAid } from '../api/cabinet-aid';
import { placedFormErrors } from '../cabinet/form-errors';
import { Hint } from '../cabinet/public-shell';
import { useUnsavedChanges } from '../components/unsaved-changes';
import { clearFieldError, FORM_ERRORS_NONE, type FormErrors } from '../passport/api-errors';
import { parseRoubles } from './money';
import { issueFields } from './social-format';

// The benefit itself is not an input: the server's word about it (not offered, ended) is said
// above the form.
const KEYS = ['text', 'amount'];

interface AidRequestFormProps {
  benefit: Benefit;
  onCancel: () => void;
  /** Said on the page once sent. */
  onSent: (notice: string) => void;
}

/** The member's request for a benefit: what they need, and roubles if they ask for money. */
export function AidRequestForm({ benefit, onCancel, onSent }: AidRequestFormProps) {
  const [text, setText] = useState('');
  const [amount, setAmount] = useState('');
  const [errors, setErrors] = useState<FormErrors>(FORM_ERRORS_NONE);
  const request = useRequestAid();
  const leave = useUnsavedChanges(text.trim() !== '' || amount.trim() !== '');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const typed = parseRoubles(amount);
    // The contract's schema: the same rules and messages as the server's.
    const parsed = aidRequestCreateSchema.safeParse({
      benefitId: benefit.id,
      text,
      amount: 'value' in typed ? typed.value : null,
    });
    const fields = parsed.success ? {} : issueFields(parsed.error);
    if ('error' in typed) fields.amount = typed.error;
    if (!parsed.success || Object.keys(fields).length > 0) {
      setErrors({ fields, general: null });
      return;
    }
    setErrors(FORM_ERRORS_NONE);
    request.mutate(parsed.data, {
      onSuccess: () =>
        onSent(`Заявление «${benefit.title}» отправлено. Решение придёт письмом и появится ниже.`),
      onError: (error) => setErrors(placedFormErrors(error, KEYS)),
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Заявление на помощь">
      <Stack gap="md">
        <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
          {benefit.title}
        </Text>
        {benefit.conditions && (
          <Hint>
            <span style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
              Условия: {benefit.conditions}
            </span>
          </Hint>
        )}
        {errors.general && (
          <Alert color="red" role="alert" title="Не удалось отправить заявление">
            {errors.general}
          </Alert>
        )}
        <Textarea
          label="Что вам нужно"
          description="Опишите ситуацию: председатель и профсоюзная организация увидят этот текст"
          required
          autosize
          minRows={4}
          maxRows={10}
          maxLength={4000}
          size="md"
          value={text}
          error={errors.fields.text || undefined}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setErrors((current) => clearFieldError(current, 'text'));
          }}
        />
        <TextInput
          label="Сумма, ₽"
          description="Если просите денежную помощь, например 15 000 или 1500,50"
          inputMode="decimal"
          autoComplete="off"
          size="md"
          value={amount}
          error={errors.fields.amount || undefined}
          onChange={(event) => {
            setAmount(event.currentTarget.value);
            setErrors((current) => clearFieldError(current, 'amount'));
          }}
        />
        <Stack gap="xs">
          <Button type="submit" size="md" loading={request.isPending} fullWidth>
            Отправить заявление
          </Button>
          <Button
            variant="default"
            size="md"
            fullWidth
            onClick={() => leave(onCancel)}
            disabled={request.isPending}
          >
            Отмена
          </Button>
        </Stack>
      </Stack>
    </form>
  );
}
