import {
  Alert,
  Anchor,
  Button,
  Container,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { Link, type Location, Navigate, useLocation, useNavigate } from 'react-router';
import { MfaEnrollStep, MfaVerifyStep } from '../auth/mfa-steps';
import { RetryWait } from '../auth/retry-wait';
import { useAuth, useStartSession } from '../auth/use-auth';
import { useRetryCountdown } from '../auth/use-retry-countdown';
import { errorMessage } from '../components/query-state';

/** Where to go after login: the page the auth guard saved, but never back to /login. */
function returnPath(state: unknown): string {
  const from = (state as { from?: Location } | null)?.from;
  if (!from || from.pathname === '/login') return '/';
  return `${from.pathname}${from.search}${from.hash}`;
}

/** The password, then, for users with a second factor, its code (or enrolling one). */
export function LoginPage() {
  useDocumentTitle('Вход — Профреестр');
  const { user, login } = useAuth();
  const startSession = useStartSession();
  const navigate = useNavigate();
  const location = useLocation();
  const target = returnPath(location.state);
  const [step, setStep] = useState<'password' | 'verify' | 'enroll'>('password');
  const wait = useRetryCountdown(login.error);

  if (user && !login.isPending) return <Navigate to={target} replace />;

  // After the second factor: the app opens once `/auth/me` has said what the user may do.
  const onSignedIn = async () => {
    await startSession();
    navigate(target, { replace: true });
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    login.mutate(
      {
        login: String(form.get('login') ?? '').trim(),
        password: String(form.get('password') ?? ''),
      },
      {
        onSuccess: ({ mfa }) => {
          if (mfa) setStep(mfa);
          else navigate(target, { replace: true });
        },
      },
    );
  };

  return (
    <Container size={420} px="md" py={{ base: 'xl', sm: 80 }} component="main">
      <Stack gap={4} mb="lg" ta="center">
        <Title order={1}>Профреестр</Title>
        <Text c="dimmed">Реестр Общероссийского Профсоюза образования</Text>
      </Stack>
      {step === 'verify' && <MfaVerifyStep onSignedIn={onSignedIn} />}
      {step === 'enroll' && <MfaEnrollStep onSignedIn={onSignedIn} />}
      {step === 'password' && (
        <form onSubmit={onSubmit} aria-label="Вход в систему">
          <Stack>
            {login.isError && (
              <Alert color="red" role="alert" title="Не удалось войти">
                {errorMessage(login.error)}
              </Alert>
            )}
            <TextInput
              name="login"
              label="Логин"
              autoComplete="username"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              required
              withAsterisk={false}
              size="md"
            />
            <PasswordInput
              name="password"
              label="Пароль"
              autoComplete="current-password"
              required
              withAsterisk={false}
              size="md"
              visibilityToggleButtonProps={{ 'aria-label': 'Показать вводимые символы' }}
            />
            <Button type="submit" size="md" fullWidth loading={login.isPending} disabled={wait > 0}>
              Войти
            </Button>
            <RetryWait wait={wait} action="Повторить вход" centered />
          </Stack>
        </form>
      )}
      {/* People outside the staff land here too: their own ways in. */}
      <Stack gap={4} mt="xl" align="center">
        <Anchor component={Link} to="/cabinet/login">
          Личный кабинет члена Профсоюза
        </Anchor>
        <Anchor component={Link} to="/join" fw={600}>
          Вступить в Профсоюз
        </Anchor>
      </Stack>
    </Container>
  );
}
