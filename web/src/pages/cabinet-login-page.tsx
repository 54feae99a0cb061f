import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCabinetLogin, useRequestCabinetCode } from '../api/cabinet';
import { isApiError } from '../api/client';
import { RetryWait } from '../auth/retry-wait';
import { useRetryCountdown } from '../auth/use-retry-countdown';
import { CodeInput, isFullCode } from '../cabinet/code-input';
import { Hint, PublicShell } from '../cabinet/public-shell';
import { errorMessage } from '../components/query-state';

const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

/** A refusal's words for the field it is about, or null when it is about something else. */
const fieldError = (error: unknown, field: string): string | null =>
  isApiError(error, 422)
    ? (error.details.find((d) => d.field === field)?.message ?? error.message)
    : null;

/**
 * `/cabinet/login`: the member's e-mail (from the invitation's link, `?email=`), then the six
 * digits from the letter. No password to forget.
 */
export function CabinetLoginPage() {
  useDocumentTitle('Вход в личный кабинет — Профреестр');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState(() => params.get('email')?.trim() ?? '');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [step, setStep] = useState<'email' | 'code'>('email');
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [resent, setResent] = useState(false);
  const requestCode = useRequestCabinetCode();
  const login = useCabinetLogin();
  const codeWait = useRetryCountdown(requestCode.error);
  const loginWait = useRetryCountdown(login.error);

  const sendCode = () => {
    const address = email.trim().toLowerCase();
    if (!looksLikeEmail(address)) {
      setEmailError('Введите адрес электронной почты полностью, например name@mail.ru');
      return;
    }
    setEmailError(null);
    login.reset();
    requestCode.mutate(address, {
      onSuccess: () => {
        setResent(step === 'code');
        setEmail(address);
        setCode('');
        setCodeError(null);
        setStep('code');
      },
    });
  };

  const onEmailSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    sendCode();
  };

  const onCodeSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isFullCode(code)) {
      setCodeError('Введите все шесть цифр из письма');
      return;
    }
    setCodeError(null);
    login.mutate({ email, code }, { onSuccess: () => navigate('/cabinet', { replace: true }) });
  };

  const requestFieldError = fieldError(requestCode.error, 'email');
  const loginFieldError = fieldError(login.error, 'code');

  return (
    <PublicShell>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1} size="h2">
            Личный кабинет члена Профсоюза
          </Title>
          <Text c="dimmed">Ваш профсоюзный билет, ваши данные и согласия</Text>
        </Stack>

        {step === 'email' ? (
          <form onSubmit={onEmailSubmit} aria-label="Вход по электронной почте" noValidate>
            <Stack>
              <Text>
                Введите адрес электронной почты, который вы давали в профсоюзную организацию. Мы
                пришлём на него письмо с кодом для входа.
              </Text>
              {requestCode.isError && !requestFieldError && (
                <Alert color="red" role="alert" title="Не получилось отправить код">
                  {errorMessage(requestCode.error)}
                </Alert>
              )}
              <TextInput
                label="Электронная почта"
                type="email"
                inputMode="email"
                autoComplete="email"
                autoCapitalize="none"
                autoCorrect="off"
                spellCheck={false}
                size="lg"
                value={email}
                onChange={(event) => {
                  setEmail(event.currentTarget.value);
                  setEmailError(null);
                }}
                error={emailError ?? requestFieldError}
              />
              <Button
                type="submit"
                size="lg"
                fullWidth
                loading={requestCode.isPending}
                disabled={codeWait > 0}
              >
                Получить код
              </Button>
              <RetryWait wait={codeWait} action="Запросить код" centered />
            </Stack>
          </form>
        ) : (
          <form onSubmit={onCodeSubmit} aria-label="Ввод кода из письма" noValidate>
            <Stack>
              <Title order={2} size="h3">
                Введите код из письма
              </Title>
              <Text>
                Мы отправили письмо с кодом на <b style={{ overflowWrap: 'anywhere' }}>{email}</b>.
                Код действует 10 минут.
              </Text>
              <Hint>
                Письма нет? Подождите минуту и загляните в папку «Спам». Письмо приходит, только
                если этот адрес есть в вашей карточке члена Профсоюза; если его там нет, обратитесь
                к председателю своей профсоюзной организации.
              </Hint>
              {login.isError && !loginFieldError && (
                <Alert color="red" role="alert" title="Не удалось войти">
                  {errorMessage(login.error)}
                </Alert>
              )}
              <CodeInput
                value={code}
                onChange={(value) => {
                  setCode(value);
                  setCodeError(null);
                }}
                error={codeError ?? loginFieldError}
                autoFocus
              />
              <Button
                type="submit"
                size="lg"
                fullWidth
                loading={login.isPending}
                disabled={loginWait > 0}
              >
                Войти
              </Button>
              <RetryWait wait={loginWait} action="Повторить вход" centered />
              <Button
                variant="light"
                size="md"
                fullWidth
                loading={requestCode.isPending}
                disabled={codeWait > 0}
                onClick={sendCode}
              >
                Прислать новый код
              </Button>
              <RetryWait wait={codeWait} action="Запросить код" centered />
              {resent && !requestCode.isPending && (
                <Text size="sm" c="teal.8" role="status" ta="center">
                  Новый код отправлен. Прежний код больше не действует.
                </Text>
              )}
              {requestCode.isError && (
                <Alert color="red" role="alert">
                  {errorMessage(requestCode.error)}
                </Alert>
              )}
              <Button
                variant="subtle"
                size="md"
                fullWidth
                onClick={() => {
                  login.reset();
                  requestCode.reset();
                  setResent(false);
                  setStep('email');
                }}
              >
                Ввести другой адрес
              </Button>
            </Stack>
          </form>
        )}

        <Text ta="center">
          Ещё не в Профсоюзе?{' '}
          <Anchor component={Link} to="/join" fw={600}>
            Вступить в Профсоюз
          </Anchor>
        </Text>
      </Stack>
    </PublicShell>
  );
}
