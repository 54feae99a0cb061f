import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { PASSWORD_MIN_LENGTH, type UserAccount } from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { useResetUserPassword } from '../api/users';
import { FormModal } from '../components/form-modal';
import { FORM_ERRORS_NONE, type FormErrors } from '../passport/api-errors';
import { userFormErrors } from './user-form';

export const PASSWORD_TITLE = 'Новый пароль';

interface ResetPasswordModalProps {
  /** The user who gets a new password; the dialog is open while there is one. */
  user: UserAccount | null;
  onClose: () => void;
  /** Said on the list once the password is set. */
  onDone: (user: UserAccount) => void;
}

/** An admin sets a new password for a user who forgot theirs; the user's sessions end. */
export function ResetPasswordModal({ user, onClose, onDone }: ResetPasswordModalProps) {
  return (
    <FormModal opened={user !== null} onClose={onClose} title={PASSWORD_TITLE} size="md">
      {user && <ResetPasswordForm user={user} onClose={onClose} onDone={onDone} />}
    </FormModal>
  );
}

function ResetPasswordForm({
  user,
  onClose,
  onDone,
}: { user: UserAccount } & Omit<ResetPasswordModalProps, 'user'>) {
  const reset = useResetUserPassword(user.id);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(FORM_ERRORS_NONE);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (password.length < PASSWORD_MIN_LENGTH) {
      setErrors({
        fields: { password: `Не короче ${PASSWORD_MIN_LENGTH} символов` },
        general: null,
      });
      return;
    }
    setErrors(FORM_ERRORS_NONE);
    reset.mutate(
      { password },
      {
        onSuccess: () => {
          onDone(user);
          onClose();
        },
        onError: (error) => setErrors(userFormErrors(error, ['password'])),
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={PASSWORD_TITLE}>
      <Stack gap="md">
        <Text size="sm">
          Пользователь <b>{user.login}</b> ({user.fullName}) будет входить с новым паролем. Все его
          сеансы сразу завершатся. Передайте пароль лично и попросите сменить его в разделе
          «Безопасность».
        </Text>
        {errors.general && (
          <Alert color="red" role="alert" title="Не удалось задать пароль">
            {errors.general}
          </Alert>
        )}
        <PasswordInput
          label="Пароль"
          description={`Не короче ${PASSWORD_MIN_LENGTH} символов; распространённые пароли не подойдут`}
          required
          withAsterisk={false}
          maxLength={200}
          autoComplete="new-password"
          value={password}
          error={errors.fields.password || undefined}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            setErrors(FORM_ERRORS_NONE);
          }}
          visibilityToggleButtonProps={{ 'aria-label': 'Показать вводимые символы' }}
          data-autofocus
        />
        <Group>
          <Button type="submit" loading={reset.isPending}>
            Задать пароль
          </Button>
          <Button variant="default" onClick={onClose} disabled={reset.isPending}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
