import { Anchor, Progress as Bar, Group, Stack, Text } from '@mantine/core';
import type { Progress, ReportStatus } from '@profreestr/contracts';
import { Link } from 'react-router';
import { campaignPath, type ProgressChild } from '../api/reports';
import { formatCount } from '../format';
import { statusColor } from './report-format';
import classes from './reports.module.css';

// How a campaign goes: its reports by status as one stacked bar with a legend, for the org in
// view and for each of its children (a tap on a child drills into it).

/** Accepted first: the bar fills from the left as reports are done. */
const ORDER: readonly ReportStatus[] = ['accepted', 'submitted', 'returned', 'draft'];
const LEGEND: Record<ReportStatus, string> = {
  accepted: 'Приняты',
  submitted: 'Сданы, ждут проверки',
  returned: 'Возвращены',
  draft: 'Не сданы',
};

const share = (part: number, total: number) => (total > 0 ? (part / total) * 100 : 0);

/** Reports sent up (submitted or accepted) of all. */
export const doneOf = (progress: Progress) => progress.submitted + progress.accepted;

function StackedBar({ progress, size }: { progress: Progress; size: 'sm' | 'lg' }) {
  return (
    <Bar.Root size={size} aria-hidden>
      {ORDER.map((status) =>
        progress[status] > 0 ? (
          <Bar.Section
            key={status}
            value={share(progress[status], progress.total)}
            color={statusColor(status)}
            withAria={false}
          />
        ) : null,
      )}
    </Bar.Root>
  );
}

/** The org's reports by status: the bar and, under it, the count of each. */
export function StatusBars({ progress }: { progress: Progress }) {
  return (
    <Stack gap="xs">
      <Text size="sm">
        Сдано{' '}
        <Text span fw={600} inherit>
          {formatCount(doneOf(progress))} из {formatCount(progress.total)}
        </Text>
      </Text>
      <StackedBar progress={progress} size="lg" />
      <ul className={classes.plainList} aria-label="Отчёты по состоянию">
        {ORDER.map((status) => (
          <li key={status} data-status={status}>
            <Group gap="xs" wrap="nowrap">
              <span
                aria-hidden
                style={{
                  width: 10,
                  height: 10,
                  borderRadius: 2,
                  flexShrink: 0,
                  background: `var(--mantine-color-${statusColor(status)}-filled)`,
                }}
              />
              <Text size="sm" style={{ flexGrow: 1 }}>
                {LEGEND[status]}
              </Text>
              <Text size="sm" fw={600} className={classes.number}>
                {formatCount(progress[status])}
              </Text>
            </Group>
          </li>
        ))}
      </ul>
    </Stack>
  );
}

/** The children of the org in view, the least done first: a tap goes one level down. */
export function ChildrenProgress({
  campaignId,
  items,
}: {
  campaignId: string;
  items: ProgressChild[];
}) {
  const rows = [...items].sort(
    (a, b) =>
      share(doneOf(a), a.total) - share(doneOf(b), b.total) ||
      a.name.localeCompare(b.name, 'ru-RU'),
  );
  return (
    <ul className={classes.plainList} aria-label="По организациям">
      {rows.map((child) => (
        <li key={child.orgId} className={classes.row} data-org-id={child.orgId}>
          <Group justify="space-between" gap="xs" wrap="nowrap" align="baseline">
            <Anchor
              component={Link}
              to={campaignPath(campaignId, child.orgId)}
              size="sm"
              fw={500}
              style={{ overflowWrap: 'anywhere', minWidth: 0 }}
            >
              {child.name}
            </Anchor>
            <Text size="sm" className={classes.number}>
              {formatCount(doneOf(child))} из {formatCount(child.total)}
            </Text>
          </Group>
          <StackedBar progress={child} size="sm" />
          {child.returned > 0 && (
            <Text size="xs" c="orange.9" mt={2}>
              Возвращено на доработку: {formatCount(child.returned)}
            </Text>
          )}
        </li>
      ))}
    </ul>
  );
}
