import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../api/client';
import { isOrgId, useOrgAncestors } from '../api/orgs';
import {
  campaignPath,
  consolidatedFileUrl,
  useCampaign,
  useConsolidated,
  useReportForm,
} from '../api/reports';
import { useCan } from '../auth/use-auth';
import { DownloadButton } from '../components/download';
import { PageLoader, QueryError } from '../components/query-state';
import { formatCount } from '../format';
import { formatDate } from '../passport/field-model';
import { ConsolidatedSections } from '../reports/consolidated-sections';
import { campaignLabel } from '../reports/report-filters';
import {
  CAMPAIGNS_PATH,
  CAMPAIGNS_TITLE,
  CONSOLIDATED_TITLE,
  REPORTS_REFUSAL,
} from '../reports/report-format';
import { NotFoundPage } from './not-found-page';

const NOT_FOUND = 'Кампания не найдена';
const BACK = { to: CAMPAIGNS_PATH, label: 'К кампаниям' };

/**
 * The consolidated report of a campaign (`/report-campaigns/:id/consolidated?orgId=`): the sums
 * of the accepted reports in the org's subtree (the campaign's org by default) beside the
 * register's, how many reports are in them and how many are not yet.
 */
export function ConsolidatedPage() {
  const { id } = useParams();
  const can = useCan();
  useDocumentTitle(`${CONSOLIDATED_TITLE} — Профреестр`);
  if (!can('report:read')) {
    return (
      <Stack gap="md">
        <Title order={1} size="h2">
          {CONSOLIDATED_TITLE}
        </Title>
        <Text c="dimmed">{REPORTS_REFUSAL}</Text>
      </Stack>
    );
  }
  if (!isOrgId(id)) return <NotFoundPage title={NOT_FOUND} back={BACK} />;
  return <ConsolidatedScreen key={id} id={id} />;
}

function ConsolidatedScreen({ id }: { id: string }) {
  const [params] = useSearchParams();
  const asked = params.get('orgId') ?? undefined;
  const campaign = useCampaign(id);
  const orgId = isOrgId(asked) ? asked : campaign.data?.orgId;
  const form = useReportForm(campaign.data?.formCode, campaign.data?.version);
  const sums = useConsolidated(id, orgId, Boolean(campaign.data));

  if (isApiError(campaign.error, 404) || isApiError(sums.error, 404)) {
    return <NotFoundPage title={NOT_FOUND} back={BACK} />;
  }
  const failed = [campaign, form, sums].find((query) => query.isError);
  if (failed) return <QueryError error={failed.error} onRetry={() => failed.refetch()} />;
  if (!campaign.data || !form.data || !sums.data) return <PageLoader />;
  const data = sums.data;

  return (
    <Stack gap="md">
      <nav aria-label="Путь">
        <Breadcrumbs separatorMargin={6} style={{ flexWrap: 'wrap' }}>
          <Anchor component={Link} to={CAMPAIGNS_PATH} size="sm">
            {CAMPAIGNS_TITLE}
          </Anchor>
          <Anchor component={Link} to={campaignPath(id, orgId)} size="sm">
            {campaignLabel(campaign.data)}
          </Anchor>
          <Text size="sm" aria-current="page">
            {CONSOLIDATED_TITLE}
          </Text>
        </Breadcrumbs>
      </nav>
      <Stack gap={4} component="header">
        <Title order={1} size="h3">
          {CONSOLIDATED_TITLE}: {form.data.title}
        </Title>
        {orgId === campaign.data.orgId ? (
          <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
            {campaign.data.orgName}
          </Text>
        ) : (
          orgId && <OrgName id={orgId} />
        )}
        <Text size="sm" c="dimmed">
          По состоянию на {formatDate(campaign.data.asOf)}
        </Text>
      </Stack>
      <Group gap="lg">
        <Text size="sm">
          Учтено принятых отчётов:{' '}
          <Text span fw={600} inherit>
            {formatCount(data.included)}
          </Text>
        </Text>
        <Text size="sm" c={data.missing > 0 ? 'orange.9' : undefined}>
          Ещё не приняты:{' '}
          <Text span fw={600} inherit>
            {formatCount(data.missing)}
          </Text>
        </Text>
      </Group>
      <Group gap="sm" align="flex-start">
        <DownloadButton
          variant="default"
          href={consolidatedFileUrl(id, orgId, 'xlsx')}
          fileName={`Сводный отчёт ${campaign.data.formCode} ${campaign.data.asOf}.xlsx`}
          label="Скачать XLSX"
        />
        <DownloadButton
          variant="default"
          href={consolidatedFileUrl(id, orgId, 'pdf')}
          fileName={`Сводный отчёт ${campaign.data.formCode} ${campaign.data.asOf}.pdf`}
          label="Скачать PDF"
        />
      </Group>
      <ConsolidatedSections form={form.data} data={data} />
    </Stack>
  );
}

/** An org of the subtree by its name, from its chain of parents (no passport read). */
function OrgName({ id }: { id: string }) {
  const chain = useOrgAncestors(id);
  return (
    <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
      {chain.data?.items.at(-1)?.name ?? '…'}
    </Text>
  );
}
