import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { type MissingReport, reportPath, useMissingReports, useRemind } from '../api/reports';
import { useCan } from '../auth/use-auth';
import { errorMessage, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { formatCount, plural } from '../format';
import { ReportStatusBadge } from './report-format';
import classes from './reports.module.css';

/** «Напоминание отправлено 3 председателям». */
export const remindedText = (queued: number) =>
  queued === 0
    ? 'Напоминание некому отправить: у председателей не указан e-mail.'
    : `Напоминание отправлено ${formatCount(queued)} ${plural(queued, 'председателю', 'председателям', 'председателям')}`;

/**
 * «Кто не отчитался»: reports of the subtree still in draft or returned, with their chairmen;
 * «Напомнить» (for callers with `report:review`) sends those chairmen a reminder letter.
 */
export function MissingList({ campaignId, under }: { campaignId: string; under: string }) {
  const can = useCan();
  const missing = useMissingReports(campaignId, under);
  const remind = useRemind(campaignId);
  const items = missing.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="sm">
      {can('report:review') && items.length > 0 && (
        <Group>
          <Button
            variant="light"
            loading={remind.isPending}
            onClick={() => remind.mutate({ under })}
          >
            Напомнить
          </Button>
        </Group>
      )}
      {remind.isSuccess && (
        <Alert color="teal" role="status">
          {remindedText(remind.data.queued)}
        </Alert>
      )}
      {remind.isError && (
        <Alert color="red" role="alert" title="Напоминание не отправлено">
          {errorMessage(remind.error)}
        </Alert>
      )}
      {missing.isPending && (
        <Text size="sm" c="dimmed">
          Загрузка…
        </Text>
      )}
      {missing.isError && items.length === 0 && (
        <QueryError error={missing.error} onRetry={() => missing.refetch()} />
      )}
      {missing.isSuccess && items.length === 0 && (
        <Text c="teal.8" fw={500} role="status">
          Все отчитались
        </Text>
      )}
      {items.length > 0 && (
        <ul className={classes.plainList} aria-label="Кто не отчитался">
          {items.map((item) => (
            <MissingRow key={item.reportId} item={item} />
          ))}
        </ul>
      )}
      <ShowMore query={missing} />
    </Stack>
  );
}

function MissingRow({ item }: { item: MissingReport }) {
  return (
    <li className={classes.row} data-org-id={item.orgId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Anchor
          component={Link}
          to={reportPath(item.reportId)}
          size="sm"
          fw={500}
          style={{ overflowWrap: 'anywhere', minWidth: 0 }}
        >
          {item.orgName}
        </Anchor>
        <ReportStatusBadge status={item.status} />
      </Group>
      <Text size="sm" c="dimmed" mt={2} style={{ overflowWrap: 'anywhere' }}>
        {item.chairman ? `Председатель: ${item.chairman}` : 'Председатель не указан'}
        {item.chairman && !item.reachable && ' · нет e-mail, напоминание не дойдёт'}
      </Text>
    </li>
  );
}
