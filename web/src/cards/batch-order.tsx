import { Alert, Button, Card, Stack, Text, Title } from '@mantine/core';
import { useBatchPreview, useCreateBatch } from '../api/card-batches';
import { useOrg } from '../api/orgs';
import { useAuth } from '../auth/use-auth';
import { errorMessage, QueryError } from '../components/query-state';
import { formatCount, plural } from '../format';
import { UnderControl } from '../orgs/under-control';

const cardsWord = (count: number) => plural(count, 'карта', 'карты', 'карт');

interface BatchOrderProps {
  /** The org picked (`?under=`); the caller's own when absent. */
  under: string | undefined;
  onUnder: (under: string) => void;
  /** Said on the page once ordered. */
  onOrdered: (notice: string) => void;
}

/**
 * A new order for the producer: the org, then how many cards it would hold (every active member
 * of the subtree without a live plastic card), and only then «Заказать».
 */
export function BatchOrder({ under, onUnder, onOrdered }: BatchOrderProps) {
  const { user } = useAuth();
  const own = useOrg(under ? '' : (user?.orgId ?? ''));
  const target = under ?? user?.orgId;
  const preview = useBatchPreview(target);
  const create = useCreateBatch();
  const count = preview.data?.count;

  const order = () => {
    if (!target) return;
    create.mutate(target, {
      onSuccess: ({ id, count: ordered }) =>
        onOrdered(`Заказ № ${id} создан: ${formatCount(ordered)} ${cardsWord(ordered)}.`),
    });
  };

  return (
    <Card withBorder padding="md" radius="md" component="section" aria-labelledby="batch-new">
      <Stack gap="sm">
        <Title order={2} size="h4" id="batch-new">
          Новый заказ
        </Title>
        {!under && own.data && (
          <Text style={{ overflowWrap: 'anywhere' }}>
            Организация: <b>{own.data.name}</b>
          </Text>
        )}
        <UnderControl under={under} onChange={onUnder} label="Выбрать другую организацию" />
        {preview.isError ? (
          <QueryError error={preview.error} onRetry={() => preview.refetch()} />
        ) : count === undefined ? (
          <Text c="dimmed" role="status">
            Считаем карты…
          </Text>
        ) : (
          <Text role="status">
            {count === 0 ? (
              'Заказывать нечего: у всех членов Профсоюза на учёте уже есть пластиковая карта.'
            ) : (
              <>
                В заказ попадут <b>{formatCount(count)}</b> {cardsWord(count)}: члены Профсоюза на
                учёте без действующей пластиковой карты.
              </>
            )}
          </Text>
        )}
        {create.isError && (
          <Alert color="red" role="alert" title="Не удалось заказать">
            {errorMessage(create.error)}
          </Alert>
        )}
        <div>
          <Button
            onClick={order}
            loading={create.isPending}
            disabled={!count || preview.isFetching}
          >
            Заказать
          </Button>
        </div>
      </Stack>
    </Card>
  );
}
