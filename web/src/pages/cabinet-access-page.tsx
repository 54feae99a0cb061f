import { Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useCabinetAccessLog } from '../api/cabinet';
import { isApiError } from '../api/client';
import { AccessLogList } from '../cabinet/access-log-list';
import { Hint } from '../cabinet/public-shell';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';

/** `/cabinet/access`: every reading and change of the member's card, by whom. */
export function CabinetAccessPage() {
  useDocumentTitle('Кто смотрел мои данные — Профреестр');
  const log = useCabinetAccessLog();
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Кто смотрел мои данные
      </Title>
      <Hint>
        Здесь записано каждое открытие и изменение вашей карточки: когда, что сделано и кем. Если вы
        видите что-то непонятное, обратитесь к председателю своей профсоюзной организации.
      </Hint>
      {isApiError(log.error, 401) ? (
        <PageLoader />
      ) : log.isPending ? (
        <PageLoader />
      ) : log.isError && entries.length === 0 ? (
        <QueryError error={log.error} onRetry={() => log.refetch()} />
      ) : entries.length === 0 ? (
        <Text c="dimmed">Пока никто не открывал вашу карточку.</Text>
      ) : (
        <>
          <AccessLogList entries={entries} />
          <ShowMore query={log} />
        </>
      )}
    </Stack>
  );
}
