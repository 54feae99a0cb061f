import {
  Alert,
  Button,
  Group,
  NativeSelect,
  PasswordInput,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { type Org, PASSWORD_MIN_LENGTH, type Role, type User } from '@profreestr/contracts';
import { type FormEvent, useState } from 'react';
import { useCreateUser } from '../api/users';
import { useGrantableRoles } from '../auth/use-auth';
import { FormModal } from '../components/form-modal';
import { OrgPicker } from '../orgs/org-picker';
import { clearFieldError, FORM_ERRORS_NONE, type FormErrors } from '../passport/api-errors';
import { roleOptions, userFormErrors } from './user-form';

export const CREATE_TITLE = 'Новый пользователь';

interface Values {
  login: string;
  fullName: string;
  role: Role;
  password: string;
}
type Key = keyof Values | 'orgId';
const KEYS: Key[] = ['login', 'fullName', 'role', 'orgId', 'password'];

/** What the browser can tell before sending: the server checks the same and more. */
function check(values: Values, org: Org | null): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!values.login.trim()) fields.login = 'Укажите логин';
  if (!values.fullName.trim()) fields.fullName = 'Укажите ФИО';
  if (!org) fields.orgId = 'Выберите организацию';
  if (values.password.length < PASSWORD_MIN_LENGTH) {
    fields.password = `Не короче ${PASSWORD_MIN_LENGTH} символов`;
  }
  return fields;
}

interface CreateUserModalProps {
  opened: boolean;
  onClose: () => void;
  /** Orgs offered with one tap (the list's scope, the creator's own): none is chosen for them. */
  suggestions: Org[];
  onCreated: (user: User) => void;
}

export function CreateUserModal({ opened, onClose, suggestions, onCreated }: CreateUserModalProps) {
  return (
    <FormModal opened={opened} onClose={onClose} title={CREATE_TITLE} size="md">
      {opened && (
        <CreateUserForm suggestions={suggestions} onClose={onClose} onCreated={onCreated} />
      )}
    </FormModal>
  );
}

function CreateUserForm({ suggestions, onClose, onCreated }: Omit<CreateUserModalProps, 'opened'>) {
  const grantable = useGrantableRoles();
  const create = useCreateUser();
  // The least of the roles the user may give: more rights only when chosen.
  const [values, setValues] = useState<Values>(() => ({
    login: '',
    fullName: '',
    role: grantable[0] ?? 'viewer',
    password: '',
  }));
  // No org until one is chosen: a default (the creator's, maybe the whole union) would be
  // the scope of anyone created in a hurry.
  const [org, setOrg] = useState<Org | null>(null);
  const [errors, setErrors] = useState<FormErrors>(FORM_ERRORS_NONE);

  const pickOrg = (next: Org | null) => {
    setOrg(next);
    setErrors((current) => clearFieldError(current, 'orgId'));
  };

  const set = (key: Key, value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => clearFieldError(current, key));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const fields = check(values, org);
    if (!org || Object.keys(fields).length > 0) {
      setErrors({ fields, general: 'Проверьте выделенные поля.' });
      return;
    }
    setErrors(FORM_ERRORS_NONE);
    create.mutate(
      {
        login: values.login.trim(),
        fullName: values.fullName.trim(),
        role: values.role,
        orgId: org.id,
        password: values.password,
      },
      {
        onSuccess: (user) => {
          onCreated(user);
          onClose();
        },
        onError: (error) => setErrors(userFormErrors(error, KEYS)),
      },
    );
  };

  const error = (key: Key) => errors.fields[key] || undefined;

  return (
    <form onSubmit={onSubmit} noValidate aria-label={CREATE_TITLE}>
      <Stack gap="md">
        {errors.general && (
          <Alert color="red" role="alert" title="Не удалось создать пользователя">
            {errors.general}
          </Alert>
        )}
        <TextInput
          label="Логин"
          description="Латинские буквы, цифры и знаки . _ @ -"
          required
          withAsterisk={false}
          maxLength={64}
          autoComplete="off"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          value={values.login}
          error={error('login')}
          onChange={(event) => set('login', event.currentTarget.value)}
          data-autofocus
        />
        <TextInput
          label="ФИО"
          required
          withAsterisk={false}
          maxLength={200}
          autoComplete="off"
          value={values.fullName}
          error={error('fullName')}
          onChange={(event) => set('fullName', event.currentTarget.value)}
        />
        <NativeSelect
          label="Роль"
          data={roleOptions(grantable)}
          value={values.role}
          error={error('role')}
          onChange={(event) => set('role', event.currentTarget.value)}
        />
        <Stack gap={4}>
          <OrgPicker label="Организация" value={org} status="active" onChange={pickOrg} />
          {!org && suggestions.length > 0 && (
            <Group gap="xs" role="group" aria-label="Быстрый выбор организации">
              <Text size="sm" c="dimmed">
                Быстрый выбор:
              </Text>
              {suggestions.map((suggestion) => (
                <Button
                  key={suggestion.id}
                  variant="light"
                  size="compact-sm"
                  maw="100%"
                  onClick={() => pickOrg(suggestion)}
                  styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                >
                  {suggestion.name}
                </Button>
              ))}
            </Group>
          )}
          {error('orgId') && (
            <Text size="sm" c="red">
              {error('orgId')}
            </Text>
          )}
        </Stack>
        <PasswordInput
          label="Пароль"
          description={`Не короче ${PASSWORD_MIN_LENGTH} символов; распространённые пароли не подойдут. Пользователь сможет сменить его в разделе «Безопасность»`}
          required
          withAsterisk={false}
          maxLength={200}
          autoComplete="new-password"
          value={values.password}
          error={error('password')}
          onChange={(event) => set('password', event.currentTarget.value)}
          visibilityToggleButtonProps={{ 'aria-label': 'Показать вводимые символы' }}
        />
        <Group>
          <Button type="submit" loading={create.isPending}>
            Создать
          </Button>
          <Button variant="default" onClick={onClose} disabled={create.isPending}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
