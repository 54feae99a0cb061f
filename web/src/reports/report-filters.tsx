import { Button, Group, NativeSelect } from '@mantine/core';
import { type Campaign, reportStatusLabels } from '@profreestr/contracts';
import { useState } from 'react';
import { useOrg } from '../api/orgs';
import { type ReportParams, useCampaigns } from '../api/reports';
import { useAuth } from '../auth/use-auth';
import classes from '../components/filters.module.css';
import { UnderChip, UnderPicker } from '../orgs/under-filter';
import { formatDate } from '../passport/field-model';
import { REPORT_STATUSES } from './report-format';
import type { ReportFilterKey } from './report-params';

const STATUS_OPTIONS = [
  { value: '', label: 'Все' },
  ...REPORT_STATUSES.map((value) => ({ value, label: reportStatusLabels[value] })),
];

/** «5 СП на 01.01.2025» — how a campaign is named in a list. */
export const campaignLabel = (campaign: Pick<Campaign, 'formTitle' | 'asOf'>) =>
  `${campaign.formTitle} на ${formatDate(campaign.asOf)}`;

interface ReportFiltersProps {
  filters: ReportParams;
  set: (changes: Partial<Record<ReportFilterKey, string>>) => void;
  clear: () => void;
}

/**
 * The status, the campaign (of those the caller sees), and an org of the caller's subtree
 * (picked with the search, shown as a chip): only where there are orgs below their own.
 */
export function ReportFilters({ filters, set, clear }: ReportFiltersProps) {
  const { user } = useAuth();
  const [picking, setPicking] = useState(false);
  const own = useOrg(user?.orgId ?? '');
  const campaigns = useCampaigns();
  const canPickOrg = own.data !== undefined && own.data.level !== 'primary' && !filters.under;
  const filtered = Boolean(filters.status || filters.under || filters.campaignId);

  const loaded = campaigns.data?.pages.flatMap((page) => page.items) ?? [];
  const campaignOptions = [
    { value: '', label: 'Все' },
    ...loaded.map((campaign) => ({ value: campaign.id, label: campaignLabel(campaign) })),
  ];
  // A campaign from a link that is not among the loaded ones still shows as chosen.
  if (filters.campaignId && !loaded.some((c) => c.id === filters.campaignId)) {
    campaignOptions.push({ value: filters.campaignId, label: `Кампания № ${filters.campaignId}` });
  }

  return (
    <>
      <div className={classes.filters}>
        <NativeSelect
          label="Состояние"
          data={STATUS_OPTIONS}
          value={filters.status ?? ''}
          onChange={(event) => set({ status: event.currentTarget.value })}
        />
        <NativeSelect
          label="Кампания"
          data={campaignOptions}
          value={filters.campaignId ?? ''}
          onChange={(event) => set({ campaignId: event.currentTarget.value })}
        />
        {canPickOrg && (
          <Button className={classes.wide} variant="default" onClick={() => setPicking(true)}>
            Выбрать организацию
          </Button>
        )}
      </div>
      {filtered && (
        <Group gap="xs">
          {filters.under && <UnderChip id={filters.under} onRemove={() => set({ under: '' })} />}
          <Button variant="subtle" size="compact-sm" onClick={clear}>
            Сбросить фильтры
          </Button>
        </Group>
      )}
      <UnderPicker
        opened={picking}
        onClose={() => setPicking(false)}
        under={user?.orgId}
        onPick={(orgId) => set({ under: orgId })}
      />
    </>
  );
}
