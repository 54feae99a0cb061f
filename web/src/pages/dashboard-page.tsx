import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { completenessExportUrl, useCompleteness } from '../api/completeness';
import { isOrgId, useOrg } from '../api/orgs';
import { useCan } from '../auth/use-auth';
import { BonusDashboardCard } from '../bonus/bonus-dashboard-card';
import { ChartsSection, ChildrenSection } from '../completeness/dashboard-sections';
import { dashboardUrl, shortPassportUrl } from '../completeness/indicators';
import { CompletenessSummary } from '../completeness/summary';
import { DownloadButton } from '../components/download';
import { PageLoader, QueryError } from '../components/query-state';
import { OrgBreadcrumbs } from '../passport/org-header';
import { NotFoundPage } from './not-found-page';

const NOT_FOUND = 'Организация не найдена';
export const DASHBOARD_TITLE = 'Заполненность данных';

export function DashboardPage() {
  const { id } = useParams();
  if (!isOrgId(id)) return <NotFoundPage title={NOT_FOUND} />;
  // Another org is another page: the table's sorting starts afresh.
  return <DashboardView key={id} id={id} />;
}

/** How complete the passports and member cards are across an org's subtree. */
function DashboardView({ id }: { id: string }) {
  const org = useOrg(id);
  const completeness = useCompleteness(id);
  const can = useCan();
  useDocumentTitle(`${DASHBOARD_TITLE}${org.data ? ` — ${org.data.name}` : ''} — Профреестр`);

  // Out-of-scope organizations answer 404 too, indistinguishable from missing ones.
  if (isApiError(org.error, 404)) return <NotFoundPage title={NOT_FOUND} />;
  if (org.isError) return <QueryError error={org.error} onRetry={() => org.refetch()} />;
  if (!org.data) return <PageLoader />;

  const primary = org.data.level === 'primary';
  return (
    <Stack gap="lg">
      <OrgBreadcrumbs id={id} linkTo={dashboardUrl} />
      <Stack gap="xs" component="header">
        <Title order={1} size="h2">
          {DASHBOARD_TITLE}
        </Title>
        <Anchor component={Link} to={`/orgs/${id}`} style={{ overflowWrap: 'anywhere' }}>
          {org.data.name}
        </Anchor>
        <Group gap="xs" align="flex-start">
          <DownloadButton
            href={completenessExportUrl(id)}
            fileName="Заполненность.xlsx"
            label="Выгрузить в XLSX"
            variant="default"
          />
          <Button component={Link} to={shortPassportUrl(id)} variant="light">
            Краткий паспорт
          </Button>
        </Group>
      </Stack>

      {completeness.isPending && <PageLoader />}
      {completeness.isError && (
        <QueryError error={completeness.error} onRetry={() => completeness.refetch()} />
      )}
      {completeness.data && (
        <Stack gap="xs" component="section" aria-label="Заполненность по организации в целом">
          {!primary && (
            <Text size="sm" c="dimmed">
              Паспорта — по действующим первичным организациям, карточки — по членам Профсоюза на
              учёте. Нажмите «не заполнено у …», чтобы увидеть, где не хватает данных.
            </Text>
          )}
          <CompletenessSummary orgId={id} data={completeness.data} />
        </Stack>
      )}

      {/* The programme's figures for whoever may read them; small, under the summary. */}
      {can('bonus:read') && <BonusDashboardCard orgId={id} />}

      {/* A primary has no children and no daily snapshots of its own. */}
      {!primary && <ChildrenSection orgId={id} />}
      {!primary && <ChartsSection orgId={id} />}
    </Stack>
  );
}
