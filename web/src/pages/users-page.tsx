import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { User } from '@profreestr/contracts';
import { useState } from 'react';
import { isOrgId, useOrg } from '../api/orgs';
import { useAuth } from '../auth/use-auth';
import { FilterChip } from '../components/filter-chip';
import { useUnderParam } from '../components/use-under-param';
import { CREATE_TITLE, CreateUserModal } from '../users/create-user-modal';
import { UserList } from '../users/user-list';

export const USERS_TITLE = 'Пользователи';

/** Users of the caller's subtree (or of `?under=`): editors create them, admins change them. */
export function UsersPage() {
  useDocumentTitle(`${USERS_TITLE} — Профреестр`);
  const { user } = useAuth();
  const canList = !!user && user.role !== 'viewer';
  return (
    <Stack gap="md">
      {canList ? (
        <Users ownOrgId={user.orgId} />
      ) : (
        <>
          <Title order={1} size="h2">
            {USERS_TITLE}
          </Title>
          <Text c="dimmed">Список пользователей доступен редакторам и администраторам.</Text>
        </>
      )}
    </Stack>
  );
}

function Users({ ownOrgId }: { ownOrgId: string }) {
  const { under: param, dropUnder } = useUnderParam();
  const under = isOrgId(param) && param !== ownOrgId ? param : undefined;
  // The scope's passport: the chip's name and the new user's org until another is picked.
  const scope = useOrg(under ?? ownOrgId);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<User | null>(null);

  return (
    <>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Title order={1} size="h2">
          {USERS_TITLE}
        </Title>
        <Button
          onClick={() => {
            setCreated(null);
            setCreating(true);
          }}
        >
          {CREATE_TITLE}
        </Button>
      </Group>
      {under && (
        <Group gap="xs">
          <FilterChip
            label={`Организация: ${scope.data?.name ?? `№ ${under}`}`}
            onRemove={dropUnder}
          />
        </Group>
      )}
      {created && (
        <Text size="sm" c="teal.8" role="status">
          Пользователь {created.login} создан.
        </Text>
      )}
      <UserList under={under} />
      <CreateUserModal
        opened={creating}
        onClose={() => setCreating(false)}
        defaultOrg={scope.data ?? null}
        onCreated={setCreated}
      />
    </>
  );
}
