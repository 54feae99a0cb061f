import { Button, Stack, Text, Title } from '@mantine/core';
import type { MfaSignedInResponse, User } from '@profreestr/contracts';
import { useState } from 'react';
import { useMfaVerify } from '../api/account';
import { CodeForm } from '../security/code-form';
import { MfaEnroll } from '../security/mfa-enroll';
import { RecoveryCodes } from '../security/recovery-codes';
import { useAuth } from './use-auth';

export const VERIFY_TITLE = 'Подтверждение входа';
export const ENROLL_TITLE = 'Настройка второго фактора';

interface StepProps {
  /** The full session has started. */
  onSignedIn: (user: User) => void;
}

/** Leaving a half-done sign-in signs out: the pending session is dropped on the server. */
function CancelButton() {
  const { logout } = useAuth();
  return (
    <Button variant="default" size="md" loading={logout.isPending} onClick={() => logout.mutate()}>
      Отмена
    </Button>
  );
}

/** After the password: the app's 6-digit code, or a recovery code. */
export function MfaVerifyStep({ onSignedIn }: StepProps) {
  const verify = useMfaVerify();
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {VERIFY_TITLE}
      </Title>
      <Text size="sm">Откройте приложение-аутентификатор и введите код для Профреестра.</Text>
      <CodeForm
        label={VERIFY_TITLE}
        submitLabel="Подтвердить"
        errorTitle="Не удалось войти"
        allowRecovery
        focus
        pending={verify.isPending}
        error={verify.error}
        onSubmit={(code) => verify.mutate(code, { onSuccess: ({ user }) => onSignedIn(user) })}
      >
        <CancelButton />
      </CodeForm>
    </Stack>
  );
}

/** The role must have a second factor and the user has none: set it up before going in. */
export function MfaEnrollStep({ onSignedIn }: StepProps) {
  const [done, setDone] = useState<MfaSignedInResponse | null>(null);

  if (done?.recoveryCodes?.length) {
    return <RecoveryCodes codes={done.recoveryCodes} onDone={() => onSignedIn(done.user)} />;
  }
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {ENROLL_TITLE}
      </Title>
      <Text size="sm">
        Для вашей роли вход возможен только с кодом из приложения-аутентификатора на телефоне.
        Настройте его сейчас: это займёт минуту.
      </Text>
      <MfaEnroll
        focus
        onEnabled={(result) =>
          result.recoveryCodes?.length ? setDone(result) : onSignedIn(result.user)
        }
      >
        <CancelButton />
      </MfaEnroll>
    </Stack>
  );
}
