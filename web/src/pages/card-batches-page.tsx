import { Alert, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { isOrgId } from '../api/orgs';
import { useCan } from '../auth/use-auth';
import { BatchList } from '../cards/batch-list';
import { BatchOrder } from '../cards/batch-order';
import { useUrlFilters } from '../components/use-url-filters';

export const CARD_BATCHES_TITLE = 'Заказ карт';

const readUnder = (params: URLSearchParams) => {
  const under = params.get('under') ?? undefined;
  return { under: isOrgId(under) ? under : undefined };
};

/**
 * `/card-batches`: plastic cards ordered from the producer for a subtree (the count first, then
 * the order), the producer's file, and the batch's way: изготовлена → доставлена.
 */
export function CardBatchesPage() {
  useDocumentTitle(`${CARD_BATCHES_TITLE} — Профреестр`);
  const can = useCan();
  const { filters, set } = useUrlFilters<'under', { under: string | undefined }>(readUnder);
  const [notice, setNotice] = useState<string | null>(null);
  const canManage = can('card-batch:manage');

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {CARD_BATCHES_TITLE}
      </Title>
      {canManage ? (
        <>
          <BatchOrder
            under={filters.under}
            onUnder={(under) => {
              setNotice(null);
              set({ under });
            }}
            onOrdered={setNotice}
          />
          {notice && (
            <Alert
              color="teal"
              role="status"
              withCloseButton
              closeButtonLabel="Закрыть"
              onClose={() => setNotice(null)}
            >
              {notice}
            </Alert>
          )}
          <Title order={2} size="h4">
            Заказы
          </Title>
          <BatchList under={filters.under} canMove={canManage} />
        </>
      ) : (
        <Text c="dimmed">У вас нет права заказывать карты.</Text>
      )}
    </Stack>
  );
}
