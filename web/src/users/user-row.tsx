import { Anchor, Badge, Card, Group, Table, Text } from '@mantine/core';
import { roleLabels, type UserAccount } from '@profreestr/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export function AccessBadge({ user }: { user: UserAccount }) {
  return (
    <Badge color={user.disabled ? 'red' : 'teal'} variant="light" tt="none" size="sm">
      {user.disabled ? 'отключён' : 'активен'}
    </Badge>
  );
}

export function MfaBadge({ user }: { user: UserAccount }) {
  return (
    <Badge color={user.mfaEnabled ? 'teal' : 'gray'} variant="light" tt="none" size="sm">
      {user.mfaEnabled ? 'включён' : 'нет'}
    </Badge>
  );
}

/** The user's org by name, a link to its passport. */
function UserOrg({ user }: { user: UserAccount }) {
  return (
    <Anchor
      component={Link}
      to={`/orgs/${user.orgId}`}
      size="sm"
      style={{ overflowWrap: 'anywhere' }}
    >
      {user.orgName}
    </Anchor>
  );
}

export interface UserRowProps {
  user: UserAccount;
  /** The menu «Действия» (admins). */
  actions?: ReactNode;
}

/** One user as a table row (wide screens); `actionsColumn` when the table has one. */
export function UserTableRow({
  user,
  actions,
  actionsColumn,
}: UserRowProps & { actionsColumn: boolean }) {
  return (
    <Table.Tr data-disabled={user.disabled || undefined}>
      {/* Whole words set the columns' widths; only a very long one breaks. */}
      <Table.Td style={{ overflowWrap: 'break-word' }} fw={500}>
        {user.login}
      </Table.Td>
      <Table.Td style={{ overflowWrap: 'break-word' }}>{user.fullName}</Table.Td>
      <Table.Td>{roleLabels[user.role]}</Table.Td>
      <Table.Td>
        <UserOrg user={user} />
      </Table.Td>
      <Table.Td>
        <AccessBadge user={user} />
      </Table.Td>
      <Table.Td>
        <MfaBadge user={user} />
      </Table.Td>
      {actionsColumn && <Table.Td ta="right">{actions}</Table.Td>}
    </Table.Tr>
  );
}

/** One user as a card (phones). */
export function UserCard({ user, actions }: UserRowProps) {
  return (
    <Card
      component="li"
      withBorder
      padding="sm"
      radius="md"
      aria-label={user.login}
      data-disabled={user.disabled || undefined}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {user.login}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {user.fullName}
          </Text>
        </div>
        {actions}
      </Group>
      <Text size="sm" c="dimmed" mt={4}>
        {roleLabels[user.role]} · <UserOrg user={user} />
      </Text>
      <Group gap="xs" mt={6}>
        <Group gap={4}>
          <Text size="sm" c="dimmed">
            Доступ:
          </Text>
          <AccessBadge user={user} />
        </Group>
        <Group gap={4}>
          <Text size="sm" c="dimmed">
            Второй фактор:
          </Text>
          <MfaBadge user={user} />
        </Group>
      </Group>
    </Card>
  );
}
