import { Alert, Button, Group, Text } from '@mantine/core';
import { errorMessage } from './query-state';

interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  error: unknown;
  fetchNextPage: () => unknown;
}

/** «Показать ещё» under a keyset-paged list, with the error of the last attempt. */
export function ShowMore({ query, note }: { query: PagedQuery; note?: string }) {
  if (!query.hasNextPage) return null;
  return (
    <Group gap="xs">
      <Button
        variant="light"
        loading={query.isFetchingNextPage}
        onClick={() => query.fetchNextPage()}
      >
        Показать ещё
      </Button>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
      {query.isFetchNextPageError && (
        <Alert color="red" role="alert" p="xs">
          {errorMessage(query.error)}
        </Alert>
      )}
    </Group>
  );
}
