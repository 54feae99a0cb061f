import { Alert, Anchor, Button, Group, Stack, TextInput } from '@mantine/core';
import {
  type ChangeEvent,
  type FormEvent,
  type ReactNode,
  useEffect,
  useRef,
  useState,
} from 'react';
import { isApiError } from '../api/client';
import { RetryWait } from '../auth/retry-wait';
import { useRetryCountdown } from '../auth/use-retry-countdown';
import { errorMessage } from '../components/query-state';

export const CODE_LABEL = 'Код подтверждения';
export const RECOVERY_CODE_LABEL = 'Резервный код';

interface CodeFormProps {
  /** The form's accessible name. */
  label: string;
  submitLabel: string;
  onSubmit: (code: string) => void;
  pending: boolean;
  /** The last attempt's error: shown above the input; a 429 also holds the button back. */
  error: unknown;
  errorTitle?: string;
  /** Offers «Использовать резервный код» instead of the app's code. */
  allowRecovery?: boolean;
  submitColor?: string;
  /** Buttons after the submit one (Отмена). */
  children?: ReactNode;
  /** Puts the cursor into the input when shown (a page step, not a dialog). */
  focus?: boolean;
}

const APP_CODE = /^\d{6}$/;

/** One code: 6 digits from the authenticator app or, where allowed, a recovery code. */
export function CodeForm(props: CodeFormProps) {
  const { label, submitLabel, onSubmit, pending, error, errorTitle, allowRecovery = false } = props;
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const wait = useRetryCountdown(error);
  const inputRef = useRef<HTMLInputElement>(null);
  const switched = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the other input gets the cursor
  useEffect(() => {
    if (props.focus || switched.current) inputRef.current?.focus();
  }, [recovery]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = recovery ? code.trim() : code.replace(/\s/g, '');
    if (!recovery && !APP_CODE.test(value)) {
      setInvalid('Введите 6 цифр из приложения');
      return;
    }
    if (!value) {
      setInvalid('Введите резервный код');
      return;
    }
    onSubmit(value);
  };

  const switchMode = () => {
    switched.current = true;
    setRecovery((current) => !current);
    setCode('');
    setInvalid(null);
  };

  const common = {
    ref: inputRef,
    // The input a dialog focuses when it opens.
    'data-autofocus': true,
    value: code,
    error: invalid,
    size: 'md',
    required: true,
    withAsterisk: false,
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      setCode(event.currentTarget.value);
      setInvalid(null);
    },
  };

  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Stack gap="md">
        {error != null && !pending && (
          <Alert
            color="red"
            role="alert"
            title={isApiError(error, 429) ? 'Слишком много попыток' : errorTitle}
          >
            {errorMessage(error)}
          </Alert>
        )}
        {recovery ? (
          <TextInput
            key="recovery"
            {...common}
            label={RECOVERY_CODE_LABEL}
            description="Каждый резервный код действует один раз"
            placeholder="xxxxx-xxxxx"
            autoComplete="off"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            maxLength={32}
          />
        ) : (
          <TextInput
            key="app"
            {...common}
            label={CODE_LABEL}
            description="6 цифр из приложения-аутентификатора"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            styles={{ input: { letterSpacing: '0.2em', fontVariantNumeric: 'tabular-nums' } }}
          />
        )}
        {allowRecovery && (
          <Anchor component="button" type="button" size="sm" onClick={switchMode} ta="left">
            {recovery ? 'Ввести код из приложения' : 'Использовать резервный код'}
          </Anchor>
        )}
        <Group>
          <Button
            type="submit"
            size="md"
            color={props.submitColor}
            loading={pending}
            disabled={wait > 0}
          >
            {submitLabel}
          </Button>
          {props.children}
        </Group>
        <RetryWait wait={wait} />
      </Stack>
    </form>
  );
}
