import { Anchor, Breadcrumbs, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { Campaign } from '@profreestr/contracts';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../api/client';
import { isOrgId, useOrgAncestors } from '../api/orgs';
import {
  campaignPath,
  campaignTableUrl,
  consolidatedPath,
  isCampaignCreating,
  useCampaign,
  useCampaignChildren,
  useCampaignProgress,
} from '../api/reports';
import { useCan } from '../auth/use-auth';
import { DownloadButton } from '../components/download';
import { PageLoader, QueryError } from '../components/query-state';
import { formatCount, formatPercent } from '../format';
import { formatDate } from '../passport/field-model';
import { ChildrenProgress, StatusBars } from '../reports/campaign-progress';
import { MissingList } from '../reports/missing-list';
import { campaignLabel } from '../reports/report-filters';
import {
  CAMPAIGNS_PATH,
  CAMPAIGNS_TITLE,
  CONSOLIDATED_TITLE,
  REPORTS_PATH,
  REPORTS_REFUSAL,
} from '../reports/report-format';
import { NotFoundPage } from './not-found-page';

const NOT_FOUND = 'Кампания не найдена';
const BACK = { to: CAMPAIGNS_PATH, label: 'К кампаниям' };

/**
 * A campaign (`/report-campaigns/:id?under=`): while its reports are being created, how far;
 * then its reports by status for the org in view (the campaign's own by default), the children
 * of that org to drill into, who has not reported (with a reminder), and the summaries.
 */
export function CampaignPage() {
  const { id } = useParams();
  const can = useCan();
  if (!can('report:read')) {
    return (
      <Stack gap="md">
        <Title order={1} size="h2">
          {CAMPAIGNS_TITLE}
        </Title>
        <Text c="dimmed">{REPORTS_REFUSAL}</Text>
      </Stack>
    );
  }
  if (!isOrgId(id)) return <NotFoundPage title={NOT_FOUND} back={BACK} />;
  return <CampaignScreen key={id} id={id} />;
}

function CampaignScreen({ id }: { id: string }) {
  const campaign = useCampaign(id);
  const [params] = useSearchParams();
  const asked = params.get('under') ?? undefined;
  const label = campaign.data ? campaignLabel(campaign.data) : 'Кампания';
  useDocumentTitle(`${label} — Профреестр`);

  if (isApiError(campaign.error, 404)) return <NotFoundPage title={NOT_FOUND} back={BACK} />;
  if (!campaign.data) {
    if (campaign.isError) {
      return <QueryError error={campaign.error} onRetry={() => campaign.refetch()} />;
    }
    return <PageLoader />;
  }
  const data = campaign.data;
  const under = isOrgId(asked) ? asked : data.orgId;

  return (
    <Stack gap="md">
      <nav aria-label="Путь">
        <Breadcrumbs separatorMargin={6}>
          <Anchor component={Link} to={CAMPAIGNS_PATH} size="sm">
            {CAMPAIGNS_TITLE}
          </Anchor>
          <Text size="sm" aria-current="page" style={{ overflowWrap: 'anywhere' }}>
            {label}
          </Text>
        </Breadcrumbs>
      </nav>
      <Stack gap={4} component="header">
        <Title order={1} size="h3" style={{ overflowWrap: 'anywhere' }}>
          {label}
        </Title>
        <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
          {data.orgName}
        </Text>
        <Text size="sm" c="dimmed">
          Срок сдачи {formatDate(data.deadline)}
        </Text>
      </Stack>
      {isCampaignCreating(data) ? (
        <Creating campaign={data} />
      ) : (
        <Open campaign={data} under={under} />
      )}
    </Stack>
  );
}

/** The job creating the reports: how many of how many, asked again every 2 s. */
function Creating({ campaign }: { campaign: Campaign }) {
  const value = campaign.total > 0 ? (campaign.created / campaign.total) * 100 : 0;
  return (
    <Stack gap="xs" role="status" aria-live="polite">
      <Text size="sm">
        Создаются отчёты: {formatCount(campaign.created)} из {formatCount(campaign.total)} (
        {formatPercent(campaign.created, campaign.total)})
      </Text>
      <Progress value={value} size="lg" animated aria-label="Создано отчётов" />
      <Text size="sm" c="dimmed">
        Когда все отчёты будут созданы, председатели увидят их в разделе «Отчёты».
      </Text>
    </Stack>
  );
}

function Open({ campaign, under }: { campaign: Campaign; under: string }) {
  const progress = useCampaignProgress(campaign.id, under);
  const children = useCampaignChildren(campaign.id, under);
  const items = children.data?.items ?? [];
  return (
    <>
      {under !== campaign.orgId && <DrillPath campaign={campaign} under={under} />}
      <Stack gap="xs" component="section" aria-labelledby="campaign-progress">
        <Title order={2} size="h4" id="campaign-progress">
          Ход сдачи
        </Title>
        {progress.data && <StatusBars progress={progress.data} />}
        {progress.isError && (
          <QueryError error={progress.error} onRetry={() => progress.refetch()} />
        )}
        {progress.isPending && <PageLoader />}
      </Stack>
      <Group gap="sm" align="flex-start">
        <Anchor component={Link} to={consolidatedPath(campaign.id, under)} fw={500}>
          {CONSOLIDATED_TITLE}
        </Anchor>
        <Anchor component={Link} to={`${REPORTS_PATH}?campaignId=${campaign.id}&under=${under}`}>
          Все отчёты
        </Anchor>
      </Group>
      <DownloadButton
        variant="default"
        href={campaignTableUrl(campaign.id, under)}
        fileName={`Отчёты ${campaign.formCode} ${campaign.asOf}.xlsx`}
        label="Таблица XLSX"
      />
      {children.isError && <QueryError error={children.error} onRetry={() => children.refetch()} />}
      {items.length > 0 && (
        <Stack gap="xs" component="section" aria-labelledby="campaign-children">
          <Title order={2} size="h4" id="campaign-children">
            По организациям
          </Title>
          <ChildrenProgress campaignId={campaign.id} items={items} />
        </Stack>
      )}
      <Stack gap="xs" component="section" aria-labelledby="campaign-missing">
        <Title order={2} size="h4" id="campaign-missing">
          Кто не отчитался
        </Title>
        <MissingList key={under} campaignId={campaign.id} under={under} />
      </Stack>
    </>
  );
}

/** Where the drill-down is: from the campaign's org down to the org in view, each a link up. */
function DrillPath({ campaign, under }: { campaign: Campaign; under: string }) {
  const chain = useOrgAncestors(under);
  const items = chain.data?.items ?? [];
  const start = items.findIndex((org) => org.id === campaign.orgId);
  const path = start >= 0 ? items.slice(start) : items;
  const current = path.at(-1);
  return (
    <nav aria-label="Уровень">
      <Breadcrumbs separatorMargin={6} style={{ flexWrap: 'wrap' }}>
        {start < 0 && (
          <Anchor component={Link} to={campaignPath(campaign.id)} size="sm">
            {campaign.orgName}
          </Anchor>
        )}
        {path.slice(0, -1).map((org) => (
          <Anchor key={org.id} component={Link} to={campaignPath(campaign.id, org.id)} size="sm">
            {org.name}
          </Anchor>
        ))}
        <Text size="sm" aria-current="page" style={{ overflowWrap: 'anywhere' }}>
          {current?.name ?? '…'}
        </Text>
      </Breadcrumbs>
    </nav>
  );
}
