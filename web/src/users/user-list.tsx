import { Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { UserAccount } from '@profreestr/contracts';
import { useState } from 'react';
import { useUsers } from '../api/users';
import { useAuth, useCan } from '../auth/use-auth';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { useWideScreen } from '../components/use-wide-screen';
import { type UserAction, UserActionsMenu, UserDialogs } from './user-actions';
import { UserCard, UserTableRow } from './user-row';

const LABEL = 'Пользователи';

interface UserListProps {
  under: string | undefined;
  /** The search: the login's start or a word of the full name. */
  q: string;
  /** Said on the page once a user's password is set. */
  onPasswordSet: (user: UserAccount) => void;
}

/**
 * Users ordered by login (for `user:read`): a table on wide screens, cards on phones; «Показать
 * ещё». The menu «Действия» of each is for `user:manage`.
 */
export function UserList({ under, q, onPasswordSet }: UserListProps) {
  const wide = useWideScreen();
  const { user: me } = useAuth();
  const can = useCan();
  const users = useUsers(under, q);
  const [action, setAction] = useState<UserAction | null>(null);
  const items = users.data?.pages.flatMap((page) => page.items) ?? [];
  const manage = can('user:manage');

  if (users.isPending) return <PageLoader />;
  if (users.isError && items.length === 0) {
    return <QueryError error={users.error} onRetry={() => users.refetch()} />;
  }

  const actions = (user: UserAccount) =>
    manage ? (
      <UserActionsMenu user={user} self={user.id === me?.id} onAction={setAction} />
    ) : undefined;

  return (
    <Stack gap="sm">
      {items.length === 0 && (
        <Text c="dimmed" role="status">
          {q ? 'Никого не нашлось: проверьте логин или ФИО.' : 'Пользователей не найдено.'}
        </Text>
      )}
      {items.length > 0 && wide && (
        <Table.ScrollContainer minWidth={820} type="native">
          <Table striped highlightOnHover withTableBorder verticalSpacing="xs" aria-label={LABEL}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Логин</Table.Th>
                <Table.Th>ФИО</Table.Th>
                <Table.Th w={140}>Роль</Table.Th>
                <Table.Th>Организация</Table.Th>
                <Table.Th w={100}>Доступ</Table.Th>
                <Table.Th w={130}>Второй фактор</Table.Th>
                {manage && (
                  <Table.Th w={120}>
                    <VisuallyHidden>Действия</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((user) => (
                <UserTableRow
                  key={user.id}
                  user={user}
                  actions={actions(user)}
                  actionsColumn={manage}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {items.length > 0 && !wide && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={LABEL}>
          {items.map((user) => (
            <UserCard key={user.id} user={user} actions={actions(user)} />
          ))}
        </Stack>
      )}
      <ShowMore query={users} />
      {manage && (
        <UserDialogs
          action={action}
          onClose={() => setAction(null)}
          onPasswordSet={onPasswordSet}
        />
      )}
    </Stack>
  );
}
