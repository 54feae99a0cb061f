import { Group, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useSearchParams } from 'react-router';
import { memberExportUrl } from '../api/exports';
import { isOrgId, useOrg } from '../api/orgs';
import { useAuth, useCan } from '../auth/use-auth';
import { ExportMenu } from '../components/export-menu';
import { PageLoader, QueryError } from '../components/query-state';
import { useUnderParam } from '../components/use-under-param';
import { memberListParams, readMemberFilters } from '../members/member-filters';
import { MemberList } from '../members/member-list';
import { PlaceFilters } from '../members/member-list-place';

/**
 * Members over the user's whole scope, or over `?under=` (a territory picked here, or a subtree
 * from the completeness links), optionally one primary (`?org=`); editors and admins put people
 * on record here, in a primary they pick when the list is wider than one.
 */
export function MembersPage() {
  useDocumentTitle('Члены Профсоюза — Профреестр');
  const { user } = useAuth();
  const can = useCan();
  const { under } = useUnderParam();
  const [searchParams] = useSearchParams();
  // The auth guard renders this page only with a user.
  const ownId = user?.orgId ?? '';
  // Out-of-scope ids answer 404 from the server, shown as the error below.
  const scopeId = isOrgId(under) ? under : ownId;
  const scope = useOrg(scopeId);
  const own = useOrg(ownId);
  const { org } = readMemberFilters(searchParams);
  const active = scope.data?.status === 'active';
  const register = active && can('member:create');

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Title order={1} size="h2">
          Члены Профсоюза
        </Title>
        {scope.data && <MembersExport under={scope.data.id} />}
      </Group>
      {scope.isPending && <PageLoader />}
      {scope.isError && <QueryError error={scope.error} onRetry={() => scope.refetch()} />}
      {scope.data && (
        <MemberList
          scope={{ under: scope.data.id }}
          canDeregister={can('member:deregister')}
          registerOrgId={register && scope.data.level === 'primary' ? scope.data.id : null}
          registerUnder={register && scope.data.level !== 'primary' ? scope.data.id : null}
          showOrg={scope.data.level !== 'primary' && !org}
          chips={own.data && <PlaceFilters own={own.data} scope={scope.data} org={org} />}
        />
      )}
    </Stack>
  );
}

/** The file of exactly the members the list shows: its filters are in the URL. */
function MembersExport({ under }: { under: string }) {
  const [searchParams] = useSearchParams();
  const params = memberListParams({ under }, readMemberFilters(searchParams));
  return (
    <ExportMenu
      items={[
        { label: 'Excel (XLSX)', href: memberExportUrl(params, 'xlsx') },
        { label: 'CSV', href: memberExportUrl(params, 'csv') },
      ]}
    />
  );
}
