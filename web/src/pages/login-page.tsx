import {
  Alert,
  Button,
  Container,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { FormEvent } from 'react';
import { type Location, Navigate, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/use-auth';
import { errorMessage } from '../components/query-state';

/** Where to go after login: the page the auth guard saved, but never back to /login. */
function returnPath(state: unknown): string {
  const from = (state as { from?: Location } | null)?.from;
  if (!from || from.pathname === '/login') return '/';
  return `${from.pathname}${from.search}${from.hash}`;
}

export function LoginPage() {
  useDocumentTitle('Вход — Профреестр');
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const target = returnPath(location.state);

  if (user && !login.isPending) return <Navigate to={target} replace />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    login.mutate(
      {
        login: String(form.get('login') ?? '').trim(),
        password: String(form.get('password') ?? ''),
      },
      { onSuccess: () => navigate(target, { replace: true }) },
    );
  };

  return (
    <Container size={420} px="md" py={{ base: 'xl', sm: 80 }} component="main">
      <Stack gap={4} mb="lg" ta="center">
        <Title order={1}>Профреестр</Title>
        <Text c="dimmed">Реестр Общероссийского Профсоюза образования</Text>
      </Stack>
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
          <Button type="submit" size="md" fullWidth loading={login.isPending}>
            Войти
          </Button>
        </Stack>
      </form>
    </Container>
  );
}
