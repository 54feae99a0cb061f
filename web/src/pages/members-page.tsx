import { Group, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useSearchParams } from 'react-router';
import { memberExportUrl } from '../api/exports';
import { useOrg } from '../api/orgs';
import { useAuth } from '../auth/use-auth';
import { ExportMenu } from '../components/export-menu';
import { PageLoader, QueryError } from '../components/query-state';
import { memberListParams, readMemberFilters } from '../members/member-filters';
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
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Title order={1} size="h2">
          Члены Профсоюза
        </Title>
        {own.data && <MembersExport under={own.data.id} />}
      </Group>
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
