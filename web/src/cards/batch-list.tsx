import { Alert, Button, Card, Group, Progress, Stack, Text } from '@mantine/core';
import { type CardBatch, cardBatchStatusLabels, cardStatusLabels } from '@profreestr/contracts';
import { useState } from 'react';
import {
  type BatchMove,
  batchFileUrl,
  isBatchFilling,
  useBatches,
  useMoveBatch,
} from '../api/card-batches';
import { DownloadButton } from '../components/download';
import { FormModal } from '../components/form-modal';
import { errorMessage, PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { StatusBadge } from '../components/status-badge';
import { formatCount, formatDateTime } from '../format';
import { batchStatusColors } from './card-format';

const LIST_LABEL = 'Заказы карт';

/** The next status of a batch and its button, if it has one. */
const NEXT: Partial<Record<CardBatch['status'], { status: BatchMove; label: string }>> = {
  ordered: { status: 'produced', label: 'Изготовлена' },
  produced: { status: 'delivered', label: 'Доставлена' },
};

interface BatchListProps {
  under: string | undefined;
  /** Moving a batch's status (the same action as ordering). */
  canMove: boolean;
}

/** The batches of the subtree, newest first: progress while filling, the file, the moves. */
export function BatchList({ under, canMove }: BatchListProps) {
  const batches = useBatches(under);
  const [moving, setMoving] = useState<CardBatch | null>(null);
  const items = batches.data?.pages.flatMap((page) => page.items) ?? [];

  if (batches.isPending) return <PageLoader />;
  if (batches.isError && items.length === 0) {
    return <QueryError error={batches.error} onRetry={() => batches.refetch()} />;
  }
  return (
    <Stack gap="sm">
      {items.length === 0 ? (
        <Text c="dimmed" role="status">
          Заказов пока нет.
        </Text>
      ) : (
        <Stack
          gap="xs"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={LIST_LABEL}
        >
          {items.map((batch) => (
            <BatchCard
              key={batch.id}
              batch={batch}
              onMove={canMove && NEXT[batch.status] ? () => setMoving(batch) : undefined}
            />
          ))}
        </Stack>
      )}
      <ShowMore query={batches} />
      <FormModal
        opened={moving !== null}
        onClose={() => setMoving(null)}
        title="Статус заказа"
        size="md"
      >
        {moving && <MoveConfirm batch={moving} onClose={() => setMoving(null)} />}
      </FormModal>
    </Stack>
  );
}

function BatchCard({ batch, onMove }: { batch: CardBatch; onMove: (() => void) | undefined }) {
  const filling = isBatchFilling(batch);
  const next = NEXT[batch.status];
  const title = `Заказ № ${batch.id}`;
  return (
    <Card component="li" withBorder padding="sm" radius="md" aria-label={title}>
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Text fw={500}>{title}</Text>
          <StatusBadge
            label={cardBatchStatusLabels[batch.status]}
            color={batchStatusColors[batch.status]}
          />
        </Group>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {batch.orgName}
        </Text>
        {filling ? (
          <FillProgress batch={batch} />
        ) : (
          <Text size="sm">Карт: {formatCount(batch.count)}</Text>
        )}
        <Text size="xs" c="dimmed">
          Заказан {formatDateTime(batch.createdAt)}
          {batch.createdBy ? ` · ${batch.createdBy}` : ''}
          {batch.producedAt ? ` · изготовлен ${formatDateTime(batch.producedAt)}` : ''}
          {batch.deliveredAt ? ` · доставлен ${formatDateTime(batch.deliveredAt)}` : ''}
        </Text>
        {!filling && (
          <Group gap="xs" align="flex-start" mt={4}>
            <DownloadButton
              href={batchFileUrl(batch.id)}
              fileName={`Заказ карт ${batch.id}.xlsx`}
              label="Скачать файл"
              variant="default"
              size="sm"
            />
            {onMove && next && (
              <Button size="sm" variant="light" onClick={onMove}>
                {next.label}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** «Формируется: 1 200 из 3 000» with a bar, while the job orders the cards. */
function FillProgress({ batch }: { batch: CardBatch }) {
  const share = batch.count > 0 ? Math.min(100, (batch.filled / batch.count) * 100) : 0;
  const text = `Формируется: ${formatCount(batch.filled)} из ${formatCount(batch.count)}`;
  return (
    <Stack gap={4}>
      <Text size="sm" role="status">
        {text}
      </Text>
      <Progress value={share} aria-label={text} animated />
    </Stack>
  );
}

const MOVE_TEXT: Record<BatchMove, string> = {
  produced: 'Изготовитель выпустил карты заказа',
  delivered: 'Карты заказа доставлены в организации, их можно выдавать',
};

function MoveConfirm({ batch, onClose }: { batch: CardBatch; onClose: () => void }) {
  const move = useMoveBatch();
  const next = NEXT[batch.status];
  if (!next) return null;
  return (
    <Stack gap="md">
      <Text size="sm">
        {MOVE_TEXT[next.status]}: заказ № {batch.id}. Карты заказа ({formatCount(batch.count)})
        получат статус «{cardStatusLabels[next.status]}».
      </Text>
      {move.isError && (
        <Alert color="red" role="alert" title="Не удалось изменить статус">
          {errorMessage(move.error)}
        </Alert>
      )}
      <Group>
        <Button
          loading={move.isPending}
          onClick={() => move.mutate({ id: batch.id, status: next.status }, { onSuccess: onClose })}
        >
          {next.label}
        </Button>
        <Button variant="default" onClick={onClose} disabled={move.isPending}>
          Отмена
        </Button>
      </Group>
    </Stack>
  );
}
