import { Alert, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { PASSWORD_MIN_LENGTH } from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { useChangePassword } from '../api/account';
import { RetryWait } from '../auth/retry-wait';
import { useAuth } from '../auth/use-auth';
import { useRetryCountdown } from '../auth/use-retry-countdown';
import {
  clearFieldError,
  FORM_ERRORS_NONE,
  type FormErrors,
  formErrors,
} from '../passport/api-errors';

const KEYS = ['currentPassword', 'newPassword'];
const EMPTY = { currentPassword: '', newPassword: '', repeat: '' };
type Key = keyof typeof EMPTY;

function validate(values: typeof EMPTY): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!values.currentPassword) fields.currentPassword = 'Укажите текущий пароль';
  if (values.newPassword.length < PASSWORD_MIN_LENGTH) {
    fields.newPassword = `Не короче ${PASSWORD_MIN_LENGTH} символов`;
  } else if (values.newPassword === values.currentPassword) {
    fields.newPassword = 'Новый пароль совпадает с текущим';
  }
  if (!fields.newPassword && values.repeat !== values.newPassword) {
    fields.repeat = 'Пароли не совпадают';
  }
  return fields;
}

/** «Смена пароля»: the current one, the new one twice. Other sessions of the user end. */
export function PasswordForm() {
  const { user } = useAuth();
  const change = useChangePassword();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<FormErrors>(FORM_ERRORS_NONE);
  const [done, setDone] = useState(false);
  const wait = useRetryCountdown(change.error);

  const set = (key: Key, value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => clearFieldError(current, key));
    setDone(false);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const fields = validate(values);
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, general: null });
      return;
    }
    setErrors(FORM_ERRORS_NONE);
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          setValues(EMPTY);
          setDone(true);
        },
        onError: (error) => setErrors(formErrors(error, '', KEYS)),
      },
    );
  };

  const input = (key: Key, label: string, autoComplete: string, description?: string) => (
    <PasswordInput
      label={label}
      description={description}
      autoComplete={autoComplete}
      value={values[key]}
      error={errors.fields[key] || undefined}
      onChange={(event) => set(key, event.currentTarget.value)}
      required
      withAsterisk={false}
      maxLength={200}
      visibilityToggleButtonProps={{ 'aria-label': 'Показать вводимые символы' }}
    />
  );

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Смена пароля">
      <Stack gap="md" maw={{ sm: 420 }}>
        {/* For password managers: which account the new password belongs to. */}
        <input
          type="text"
          name="username"
          autoComplete="username"
          value={user?.login ?? ''}
          readOnly
          hidden
        />
        {errors.general && (
          <Alert color="red" role="alert" title="Не удалось сменить пароль">
            {errors.general}
          </Alert>
        )}
        {done && (
          <Text size="sm" c="teal.8" role="status">
            Пароль изменён. На других устройствах нужно будет войти заново.
          </Text>
        )}
        {input('currentPassword', 'Текущий пароль', 'current-password')}
        {input(
          'newPassword',
          'Новый пароль',
          'new-password',
          `Не короче ${PASSWORD_MIN_LENGTH} символов; распространённые пароли не подойдут`,
        )}
        {input('repeat', 'Повторите новый пароль', 'new-password')}
        <Button
          type="submit"
          loading={change.isPending}
          disabled={wait > 0}
          style={{ alignSelf: 'flex-start' }}
        >
          Сменить пароль
        </Button>
        <RetryWait wait={wait} />
      </Stack>
    </form>
  );
}
