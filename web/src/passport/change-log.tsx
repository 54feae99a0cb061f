import { Stack, Text } from '@mantine/core';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { type ChangeEntry, newestFirst } from './change-card';

interface ChangeLogProps<T extends ChangeEntry> {
  /** The keyset-paged history. */
  history: UseInfiniteQueryResult<InfiniteData<{ items: T[] }>>;
  /** The card of one entry. */
  entry: (entry: T) => ReactNode;
}

/** A change log, newest first, with «Показать ещё». */
export function ChangeLog<T extends ChangeEntry>({ history, entry }: ChangeLogProps<T>) {
  const items = (history.data?.pages.flatMap((page) => page.items) ?? []).sort(newestFirst);

  if (history.isPending) return <PageLoader />;
  if (history.isError && items.length === 0) {
    return <QueryError error={history.error} onRetry={() => history.refetch()} />;
  }
  return (
    <Stack gap="sm">
      {items.length === 0 && <Text c="dimmed">Изменений пока не было.</Text>}
      <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map(entry)}
      </Stack>
      <ShowMore query={history} />
    </Stack>
  );
}
