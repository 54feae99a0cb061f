import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import type { Org, User } from '@profreestr/contracts';
import { useState } from 'react';
import { isOrgId, useOrg } from '../api/orgs';
import { useAuth, useCan } from '../auth/use-auth';
import { FilterChip } from '../components/filter-chip';
import { useUnderParam } from '../components/use-under-param';
import { CREATE_TITLE, CreateUserModal } from '../users/create-user-modal';
import { UserList } from '../users/user-list';

export const USERS_TITLE = 'Пользователи';

/**
 * Who may list users (`user:read`: admins) lists, searches and changes the users of their
 * subtree (or of `?under=`); who may only add one (`user:create`: editors) adds a colleague
 * (logins are not theirs to look after: the server lists users to admins only).
 */
export function UsersPage() {
  useDocumentTitle(`${USERS_TITLE} — Профреестр`);
  const { user } = useAuth();
  const can = useCan();
  if (user && can('user:read')) {
    return (
      <Stack gap="md">
        <AdminUsers ownOrgId={user.orgId} canCreate={can('user:create')} />
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      {user && can('user:create') ? (
        <EditorUsers ownOrgId={user.orgId} />
      ) : (
        <>
          <Title order={1} size="h2">
            {USERS_TITLE}
          </Title>
          <Text c="dimmed">Пользователей добавляют редакторы, а ведут администраторы.</Text>
        </>
      )}
    </Stack>
  );
}

/** The orgs offered with one tap in the new user's form: never the centre, the whole union. */
function useSuggestedOrgs(ids: (string | undefined)[]): Org[] {
  const unique = [...new Set(ids.filter((id): id is string => !!id))];
  const first = useOrg(unique[0] ?? '');
  const second = useOrg(unique[1] ?? '');
  return [first.data, second.data].filter(
    (org): org is Org => !!org && org.level !== 'central' && org.status === 'active',
  );
}

/** «Новый пользователь» and what became of the last one. */
function useCreating() {
  const [creating, setCreating] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  return {
    creating,
    said,
    setSaid,
    open: () => {
      setSaid(null);
      setCreating(true);
    },
    close: () => setCreating(false),
    created: (user: User) => setSaid(`Пользователь ${user.login} создан.`),
  };
}

function Said({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <Text size="sm" c="teal.8" role="status">
      {text}
    </Text>
  );
}

function AdminUsers({ ownOrgId, canCreate }: { ownOrgId: string; canCreate: boolean }) {
  const { under: param, dropUnder } = useUnderParam();
  const under = isOrgId(param) && param !== ownOrgId ? param : undefined;
  const scope = useOrg(under ?? ownOrgId);
  const suggestions = useSuggestedOrgs([under, ownOrgId]);
  const create = useCreating();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);

  return (
    <>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Title order={1} size="h2">
          {USERS_TITLE}
        </Title>
        {canCreate && <Button onClick={create.open}>{CREATE_TITLE}</Button>}
      </Group>
      {under && (
        <Group gap="xs">
          <FilterChip
            label={`Организация: ${scope.data?.name ?? `№ ${under}`}`}
            onRemove={dropUnder}
          />
        </Group>
      )}
      <TextInput
        type="search"
        label="Поиск"
        placeholder="Логин или ФИО"
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        maxLength={100}
      />
      <Said text={create.said} />
      <UserList
        under={under}
        q={q}
        onPasswordSet={(user) => create.setSaid(`Пароль пользователя ${user.login} изменён.`)}
      />
      <CreateUserModal
        opened={create.creating}
        onClose={create.close}
        suggestions={suggestions}
        onCreated={create.created}
      />
    </>
  );
}

function EditorUsers({ ownOrgId }: { ownOrgId: string }) {
  const { under: param } = useUnderParam();
  const under = isOrgId(param) && param !== ownOrgId ? param : undefined;
  const suggestions = useSuggestedOrgs([under, ownOrgId]);
  const create = useCreating();
  return (
    <>
      <Title order={1} size="h2">
        {USERS_TITLE}
      </Title>
      <Text>
        Вы можете добавить коллегу в свою организацию или в подчинённую, с ролью не выше вашей.
        Список пользователей, их доступ и пароли ведут администраторы.
      </Text>
      <Group>
        <Button onClick={create.open}>{CREATE_TITLE}</Button>
      </Group>
      <Said text={create.said} />
      <CreateUserModal
        opened={create.creating}
        onClose={create.close}
        suggestions={suggestions}
        onCreated={create.created}
      />
    </>
  );
}
