import { Alert, Button, Group, NativeSelect, Stack, Switch, Text, TextInput } from '@mantine/core';
import {
  type Org,
  type Role,
  roleLabels,
  type UserAccount,
  type UserUpdate,
} from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { useUpdateUser } from '../api/users';
import { useAuth, useGrantableRoles } from '../auth/use-auth';
import { FormModal } from '../components/form-modal';
import { OrgPicker } from '../orgs/org-picker';
import { clearFieldError, FORM_ERRORS_NONE, type FormErrors } from '../passport/api-errors';
import { roleOptions, userFormErrors } from './user-form';

const TITLE = 'Изменить пользователя';
const KEYS = ['fullName', 'role', 'disabled', 'orgId'];

interface EditUserModalProps {
  /** The user to change; the dialog is open while there is one. */
  user: UserAccount | null;
  onClose: () => void;
}

export function EditUserModal({ user, onClose }: EditUserModalProps) {
  return (
    <FormModal opened={user !== null} onClose={onClose} title={TITLE} size="md">
      {user && <EditUserForm user={user} onClose={onClose} />}
    </FormModal>
  );
}

function EditUserForm({ user, onClose }: { user: UserAccount; onClose: () => void }) {
  const { user: me } = useAuth();
  const grantable = useGrantableRoles();
  // The server refuses an admin's change of their own role or access.
  const self = user.id === me?.id;
  const update = useUpdateUser(user.id);
  const [fullName, setFullName] = useState(user.fullName);
  const [role, setRole] = useState<Role>(user.role);
  const [disabled, setDisabled] = useState(user.disabled);
  // Another org, once picked (null: the picker is open, searching).
  const [movingTo, setMovingTo] = useState<Org | null | undefined>(undefined);
  const [errors, setErrors] = useState<FormErrors>(FORM_ERRORS_NONE);

  const roleChanged = role !== user.role;
  const disabling = disabled && !user.disabled;
  const newOrg = movingTo && movingTo.id !== user.orgId ? movingTo : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const name = fullName.trim();
    if (!name) {
      setErrors({ fields: { fullName: 'Укажите ФИО' }, general: null });
      return;
    }
    // Only what changed: the own row sends its name alone.
    if (movingTo === null) {
      setErrors({ fields: { orgId: 'Выберите организацию' }, general: null });
      return;
    }
    const body: UserUpdate = {
      ...(name !== user.fullName ? { fullName: name } : {}),
      ...(!self && roleChanged ? { role } : {}),
      ...(!self && disabled !== user.disabled ? { disabled } : {}),
      ...(!self && newOrg ? { orgId: newOrg.id } : {}),
    };
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    setErrors(FORM_ERRORS_NONE);
    update.mutate(body, {
      onSuccess: onClose,
      onError: (error) => setErrors(userFormErrors(error, KEYS)),
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={TITLE}>
      <Stack gap="md">
        <Text size="sm">
          Логин: <b>{user.login}</b>
          <br />
          Организация: {user.orgName}
        </Text>
        {errors.general && (
          <Alert color="red" role="alert" title="Не удалось сохранить">
            {errors.general}
          </Alert>
        )}
        <TextInput
          label="ФИО"
          required
          withAsterisk={false}
          maxLength={200}
          value={fullName}
          error={errors.fields.fullName || undefined}
          onChange={(event) => {
            setFullName(event.currentTarget.value);
            setErrors((current) => clearFieldError(current, 'fullName'));
          }}
          data-autofocus
        />
        {self ? (
          <Text size="sm" c="dimmed">
            Свою роль и доступ изменить нельзя: это может сделать другой администратор.
          </Text>
        ) : (
          <>
            <NativeSelect
              label="Роль"
              // The user's own role stays on show even where it is not the admin's to give.
              data={roleOptions([...grantable, user.role])}
              value={role}
              error={errors.fields.role || undefined}
              onChange={(event) => setRole(event.currentTarget.value as Role)}
            />
            {movingTo === undefined ? (
              <Group>
                <Button variant="subtle" size="xs" px={0} onClick={() => setMovingTo(null)}>
                  Перевести в другую организацию
                </Button>
              </Group>
            ) : (
              <Stack gap={4}>
                <OrgPicker
                  label="Новая организация"
                  value={movingTo}
                  status="active"
                  onChange={(next) => {
                    setMovingTo(next);
                    setErrors((current) => clearFieldError(current, 'orgId'));
                  }}
                />
                {errors.fields.orgId && (
                  <Text size="sm" c="red">
                    {errors.fields.orgId}
                  </Text>
                )}
                {movingTo === null && (
                  <Group>
                    <Button
                      variant="subtle"
                      size="xs"
                      px={0}
                      onClick={() => {
                        setMovingTo(undefined);
                        setErrors((current) => clearFieldError(current, 'orgId'));
                      }}
                    >
                      Не переводить
                    </Button>
                  </Group>
                )}
              </Stack>
            )}
            <Switch
              label="Доступ отключён"
              description="Пользователь не сможет войти, пока доступ не включат снова"
              checked={disabled}
              error={errors.fields.disabled || undefined}
              onChange={(event) => setDisabled(event.currentTarget.checked)}
            />
          </>
        )}
        {!self && (disabling || roleChanged || newOrg) && (
          <Alert color="yellow" role="status">
            {disabling
              ? 'Все сеансы пользователя сразу завершатся, войти снова он не сможет.'
              : roleChanged
                ? `Все сеансы пользователя завершатся: ему нужно будет войти заново, уже с ролью «${roleLabels[role]}».`
                : 'Все сеансы пользователя завершатся: ему нужно будет войти заново, он будет видеть данные новой организации.'}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={update.isPending}>
            Сохранить
          </Button>
          <Button variant="default" onClick={onClose} disabled={update.isPending}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
