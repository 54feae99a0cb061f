import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { applicationStatusLabels } from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../api/client';
import { useApplicationStatus } from '../api/join';
import { RetryWait } from '../auth/retry-wait';
import { useRetryCountdown } from '../auth/use-retry-countdown';
import { errorMessage } from '../components/query-state';

/** What each status means for the person who applied. */
const statusExplanations: Record<keyof typeof applicationStatusLabels, string> = {
  unconfirmed:
    'Заявление не подтверждено: введите код из письма на странице заявления или подайте заявление заново.',
  submitted: 'Заявление у председателя профсоюзной организации. Решение придёт на почту.',
  accepted:
    'Вас приняли в Профсоюз! На почту пришло письмо со ссылкой на личный кабинет члена Профсоюза.',
  rejected: 'Заявление отклонено.',
  expired: 'Заявление не было подтверждено вовремя. Подайте заявление заново.',
};

/** «Узнать статус заявления»: its number and the e-mail it was sent from. */
export function StatusForm({ initialId = '', initialEmail = '' }) {
  const status = useApplicationStatus();
  const wait = useRetryCountdown(status.error);
  const [id, setId] = useState(initialId);
  const [email, setEmail] = useState(initialEmail);
  const [missing, setMissing] = useState(false);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const number = id.trim();
    const address = email.trim();
    setMissing(!number || !address);
    if (!number || !address) return;
    status.mutate({ id: number, email: address });
  };

  const result = status.data;
  return (
    <form onSubmit={onSubmit} aria-label="Узнать статус заявления" noValidate>
      <Stack gap="sm">
        <TextInput
          label="Номер заявления"
          description="Его показали сразу после отправки заявления"
          inputMode="numeric"
          size="md"
          value={id}
          onChange={(e) => setId(e.currentTarget.value)}
          error={missing && !id.trim() ? 'Заполните поле' : undefined}
        />
        <TextInput
          label="Электронная почта из заявления"
          type="email"
          inputMode="email"
          autoComplete="email"
          autoCapitalize="none"
          size="md"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={missing && !email.trim() ? 'Заполните поле' : undefined}
        />
        <Button
          type="submit"
          size="md"
          variant="light"
          loading={status.isPending}
          disabled={wait > 0}
        >
          Узнать статус
        </Button>
        <RetryWait wait={wait} />
        {status.isError && (
          <Alert color="red" role="alert">
            {isApiError(status.error, 404)
              ? 'Заявление не найдено: проверьте номер и адрес электронной почты.'
              : errorMessage(status.error)}
          </Alert>
        )}
        {result && (
          <Alert
            color={result.status === 'rejected' || result.status === 'expired' ? 'orange' : 'teal'}
            role="status"
            title={`Статус: ${applicationStatusLabels[result.status]}`}
          >
            <Text size="sm">{statusExplanations[result.status]}</Text>
            {result.rejectReason && (
              <Text size="sm" mt={4}>
                Причина: {result.rejectReason}
              </Text>
            )}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
