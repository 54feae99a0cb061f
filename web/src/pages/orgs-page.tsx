import { Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useOrg } from '../api/orgs';
import { useAuth } from '../auth/use-auth';
import { PageLoader, QueryError } from '../components/query-state';
import { OrgSearch } from '../orgs/org-search';
import { OrgTree } from '../orgs/org-tree';

/** Search over the user's scope; with an empty query, the tree from the user's own org. */
export function OrgsPage() {
  useDocumentTitle('Организации — Профреестр');
  const { user } = useAuth();
  // The auth guard renders this page only with a user.
  const root = useOrg(user?.orgId ?? '');

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Организации
      </Title>
      <OrgSearch
        label="Поиск организаций"
        idle={
          <>
            {root.isPending && <PageLoader />}
            {root.isError && <QueryError error={root.error} onRetry={() => root.refetch()} />}
            {root.data && <OrgTree root={root.data} includeRoot />}
          </>
        }
      />
    </Stack>
  );
}
