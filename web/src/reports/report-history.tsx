import { Stack, Text, Title } from '@mantine/core';
import { useReportHistory } from '../api/reports';
import { QueryError } from '../components/query-state';
import { formatDateTime } from '../format';
import { eventLabels } from './report-format';
import classes from './reports.module.css';

/** What happened to the report, oldest first: created, saved, submitted, returned, accepted. */
export function ReportHistory({ id }: { id: string }) {
  const history = useReportHistory(id);
  const items = history.data?.items ?? [];
  return (
    <Stack gap="xs" component="section" aria-labelledby="report-history">
      <Title order={2} size="h4" id="report-history">
        История
      </Title>
      {history.isError && <QueryError error={history.error} onRetry={() => history.refetch()} />}
      {history.isPending && (
        <Text size="sm" c="dimmed">
          Загрузка…
        </Text>
      )}
      {history.isSuccess && items.length === 0 && (
        <Text size="sm" c="dimmed">
          Пока ничего не происходило.
        </Text>
      )}
      {items.length > 0 && (
        <ul className={classes.plainList} aria-label="История отчёта">
          {items.map((event, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: events have no id; the list only grows
            <li key={index} className={classes.row} data-action={event.action}>
              <Text size="sm" fw={500}>
                {eventLabels[event.action]}
              </Text>
              <Text size="xs" c="dimmed">
                <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                {event.by ? ` · ${event.by}` : ''}
              </Text>
              {event.comment && (
                <Text size="sm" mt={2} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {event.comment}
                </Text>
              )}
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
}
