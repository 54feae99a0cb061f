import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';
import { useCan } from '../auth/use-auth';
import { ReportFilters } from '../reports/report-filters';
import {
  CAMPAIGNS_PATH,
  CAMPAIGNS_TITLE,
  REPORTS_REFUSAL,
  REPORTS_TITLE,
} from '../reports/report-format';
import { ReportList } from '../reports/report-list';
import { useReportParams } from '../reports/report-params';

/** Statistical reports of the caller's subtree (`/reports`), by status, campaign and org. */
export function ReportsPage() {
  useDocumentTitle(`${REPORTS_TITLE} — Профреестр`);
  const can = useCan();
  return (
    <Stack gap="md">
      <Group justify="space-between" align="baseline" gap="xs">
        <Title order={1} size="h2">
          {REPORTS_TITLE}
        </Title>
        {can('report:read') && (
          <Anchor component={Link} to={CAMPAIGNS_PATH} size="sm">
            {CAMPAIGNS_TITLE}
          </Anchor>
        )}
      </Group>
      {can('report:read') ? <Reports /> : <Text c="dimmed">{REPORTS_REFUSAL}</Text>}
    </Stack>
  );
}

function Reports() {
  const { filters, set, clear } = useReportParams();
  const filtered = Boolean(filters.status || filters.under || filters.campaignId);
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Статистические отчёты по формам 2 СП – 5 СП. Откройте отчёт, чтобы заполнить, сдать или
        проверить его.
      </Text>
      <ReportFilters filters={filters} set={set} clear={clear} />
      <ReportList filters={filters} filtered={filtered} />
    </Stack>
  );
}
