import { Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useOrg } from '../api/orgs';
import { useAuth } from '../auth/use-auth';
import { PageLoader, QueryError } from '../components/query-state';
import { MemberList } from '../members/member-list';

/** Members over the user's whole scope; a primary's chairman also puts people on record here. */
export function MembersPage() {
  useDocumentTitle('Члены Профсоюза — Профреестр');
  const { user } = useAuth();
  // The auth guard renders this page only with a user.
  const own = useOrg(user?.orgId ?? '');
  const canEdit = !!user && user.role !== 'viewer';

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Члены Профсоюза
      </Title>
      {own.isPending && <PageLoader />}
      {own.isError && <QueryError error={own.error} onRetry={() => own.refetch()} />}
      {own.data && (
        <MemberList
          scope={{ under: own.data.id }}
          canEdit={canEdit}
          registerOrgId={
            canEdit && own.data.level === 'primary' && own.data.status === 'active'
              ? own.data.id
              : null
          }
          showOrg={own.data.level !== 'primary'}
        />
      )}
    </Stack>
  );
}
