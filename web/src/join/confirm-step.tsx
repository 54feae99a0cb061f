import { Alert, Button, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../api/client';
import { useConfirmApplication } from '../api/join';
import { RetryWait } from '../auth/retry-wait';
import { useRetryCountdown } from '../auth/use-retry-countdown';
import { CodeInput, isFullCode } from '../cabinet/code-input';
import { Hint } from '../cabinet/public-shell';
import { errorMessage } from '../components/query-state';
import type { SubmittedApplication } from './join-form';

interface ConfirmStepProps {
  application: SubmittedApplication;
  onConfirmed: () => void;
  onRestart: () => void;
}

/** Step 3: the six digits from the letter prove the address is the person's. */
export function ConfirmStep({ application, onConfirmed, onRestart }: ConfirmStepProps) {
  const confirm = useConfirmApplication();
  const wait = useRetryCountdown(confirm.error);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const serverCodeError = isApiError(confirm.error, 422)
    ? (confirm.error.details.find((d) => d.field === 'code')?.message ?? confirm.error.message)
    : null;
  // Expired (or confirmed already): only a new application helps.
  const over = isApiError(confirm.error, 409) || isApiError(confirm.error, 404);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isFullCode(code)) {
      setCodeError('Введите все шесть цифр из письма');
      return;
    }
    setCodeError(null);
    confirm.mutate({ id: application.id, code }, { onSuccess: onConfirmed });
  };

  return (
    <form onSubmit={onSubmit} aria-label="Подтверждение заявления" noValidate>
      <Stack gap="md">
        <Text>
          Мы отправили письмо с кодом на{' '}
          <b style={{ overflowWrap: 'anywhere' }}>{application.email}</b>. Введите шесть цифр из
          письма — так мы убедимся, что адрес ваш.
        </Text>
        <Hint>
          Письма нет? Подождите пару минут и загляните в папку «Спам». Код действует 7 дней, пока
          заявление не подтверждено.
        </Hint>
        {confirm.isError && !serverCodeError && (
          <Alert color="red" role="alert" title="Не получилось подтвердить">
            {errorMessage(confirm.error)}
          </Alert>
        )}
        <CodeInput
          value={code}
          onChange={(value) => {
            setCode(value);
            setCodeError(null);
          }}
          error={codeError ?? serverCodeError}
        />
        <Button type="submit" size="lg" fullWidth loading={confirm.isPending} disabled={wait > 0}>
          Подтвердить
        </Button>
        <RetryWait wait={wait} action="Повторить" centered />
        <Button variant={over ? 'light' : 'subtle'} size="md" fullWidth onClick={onRestart}>
          {over ? 'Подать заявление заново' : 'Ошибка в адресе? Заполнить заявление заново'}
        </Button>
      </Stack>
    </form>
  );
}
