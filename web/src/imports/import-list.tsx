import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import type { Import } from '@profreestr/contracts';
import { importKindLabels } from '@profreestr/contracts';
import { Link } from 'react-router';
import { useImports } from '../api/imports';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { formatCount } from '../format';
import { formatDateTime, ImportStatusBadge } from './import-status';

/** Recent imports into the user's subtree, newest first; each opens its page. */
export function ImportList({ under }: { under: string }) {
  const imports = useImports(under);
  const items = imports.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="sm">
      <Text fw={600} component="h2" size="lg" id="recent-imports">
        Последние загрузки
      </Text>
      {imports.isPending && <PageLoader />}
      {imports.isError && items.length === 0 && (
        <QueryError error={imports.error} onRetry={() => imports.refetch()} />
      )}
      {imports.isSuccess && items.length === 0 && (
        <Text c="dimmed" role="status">
          Файлов ещё не загружали.
        </Text>
      )}
      <Stack
        gap="xs"
        component="ul"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-labelledby="recent-imports"
      >
        {items.map((item) => (
          <ImportRow key={item.id} item={item} />
        ))}
      </Stack>
      <ShowMore query={imports} />
    </Stack>
  );
}

function ImportRow({ item }: { item: Import }) {
  return (
    <Card component="li" withBorder padding="sm" radius="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Anchor
          component={Link}
          to={`/imports/${item.id}`}
          fw={500}
          style={{ overflowWrap: 'anywhere' }}
        >
          {item.fileName}
        </Anchor>
        <ImportStatusBadge status={item.status} size="sm" />
      </Group>
      <Text size="sm" c="dimmed" mt={4}>
        {formatDateTime(item.createdAt)} · {importKindLabels[item.kind]} · {item.user.fullName}
      </Text>
      <Text size="sm" mt={2}>
        Добавлено {formatCount(item.created)} · обновлено {formatCount(item.updated)} · отклонено{' '}
        {formatCount(item.rejected)}
      </Text>
    </Card>
  );
}
