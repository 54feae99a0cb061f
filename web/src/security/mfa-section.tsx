import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useSecurityStatus } from '../api/account';
import { PageLoader, QueryError } from '../components/query-state';
import { DisableDialog, EnableDialog, NEW_CODES_TITLE, NewCodesDialog } from './mfa-dialogs';

type Dialog = 'enable' | 'disable' | 'codes';

const DONE: Record<Dialog, string> = {
  enable: 'Второй фактор включён.',
  disable: 'Второй фактор отключён.',
  codes: 'Выданы новые резервные коды; прежние больше не действуют.',
};

/** The second factor: its status, enabling, disabling (unless the role needs it), new codes. */
export function MfaSection() {
  const status = useSecurityStatus();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (status.isError) return <QueryError error={status.error} onRetry={() => status.refetch()} />;
  // No status without a session: the auth guard is on its way to /login.
  if (!status.data) return <PageLoader />;

  const { enabled, required, recoveryCodesLeft } = status.data;
  const open = (next: Dialog) => {
    setNotice(null);
    setDialog(next);
  };
  const dialogProps = (kind: Dialog) => ({
    opened: dialog === kind,
    onClose: () => setDialog(null),
    onDone: () => setNotice(DONE[kind]),
  });

  return (
    <Stack gap="sm" align="flex-start">
      <Text size="sm">
        Кроме пароля, при входе нужен код из приложения-аутентификатора на телефоне.
      </Text>
      <Group gap="xs">
        <Text size="sm" fw={500}>
          Второй фактор:
        </Text>
        <Badge color={enabled ? 'teal' : 'gray'} variant="light" tt="none">
          {enabled ? 'включён' : 'не включён'}
        </Badge>
        {required && (
          <Text size="sm" c="dimmed">
            обязателен для вашей роли
          </Text>
        )}
      </Group>
      {enabled && (
        <Text size="sm" c={recoveryCodesLeft <= 2 ? 'orange.8' : undefined}>
          Резервных кодов осталось: {recoveryCodesLeft}
        </Text>
      )}
      {required && !enabled && (
        <Alert color="yellow" title="Включите второй фактор">
          Для вашей роли вход возможен только с кодом из приложения.
        </Alert>
      )}
      {notice && (
        <Text size="sm" c="teal.8" role="status">
          {notice}
        </Text>
      )}
      <Group gap="xs">
        {!enabled && <Button onClick={() => open('enable')}>Включить второй фактор</Button>}
        {enabled && (
          <Button variant="default" onClick={() => open('codes')}>
            {NEW_CODES_TITLE}
          </Button>
        )}
        {enabled && !required && (
          <Button variant="light" color="red" onClick={() => open('disable')}>
            Отключить второй фактор
          </Button>
        )}
      </Group>

      <EnableDialog {...dialogProps('enable')} />
      <DisableDialog {...dialogProps('disable')} />
      <NewCodesDialog {...dialogProps('codes')} />
    </Stack>
  );
}
