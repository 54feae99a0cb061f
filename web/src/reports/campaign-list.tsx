import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import type { Campaign } from '@profreestr/contracts';
import { Link } from 'react-router';
import { campaignPath, isCampaignCreating, useCampaigns } from '../api/reports';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { StatusBadge } from '../components/status-badge';
import { formatCount } from '../format';
import { formatDate } from '../passport/field-model';
import { campaignLabel } from './report-filters';

const LABEL = 'Отчётные кампании';

/** Campaigns of the caller's subtree, newest first: a card each, on any screen. */
export function CampaignList() {
  const campaigns = useCampaigns();
  const items = campaigns.data?.pages.flatMap((page) => page.items) ?? [];

  if (campaigns.isPending) return <PageLoader />;
  if (campaigns.isError && items.length === 0) {
    return <QueryError error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  }
  return (
    <Stack gap="sm">
      {items.length === 0 && (
        <Text c="dimmed" role="status">
          Кампаний пока нет.
        </Text>
      )}
      {items.length > 0 && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={LABEL}>
          {items.map((campaign) => (
            <CampaignCard key={campaign.id} campaign={campaign} />
          ))}
        </Stack>
      )}
      <ShowMore query={campaigns} />
    </Stack>
  );
}

function CampaignCard({ campaign }: { campaign: Campaign }) {
  return (
    <Card component="li" withBorder padding="sm" radius="md" data-status={campaign.status}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Anchor
          component={Link}
          to={campaignPath(campaign.id)}
          fw={500}
          size="sm"
          style={{ overflowWrap: 'anywhere' }}
        >
          {campaignLabel(campaign)}
        </Anchor>
        {isCampaignCreating(campaign) ? (
          <StatusBadge label="Создаются отчёты" color="blue" />
        ) : (
          <StatusBadge label="Идёт сбор" color="teal" />
        )}
      </Group>
      <Text size="sm" mt={4} style={{ overflowWrap: 'anywhere' }}>
        {campaign.orgName}
      </Text>
      <Text size="sm" c="dimmed" mt={2}>
        Срок сдачи {formatDate(campaign.deadline)} · отчётов: {formatCount(campaign.total)}
      </Text>
    </Card>
  );
}
