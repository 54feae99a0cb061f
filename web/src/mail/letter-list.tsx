import { Stack, Table, Text } from '@mantine/core';
import type { MailParams } from '../api/mail';
import { useLetters } from '../api/mail';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { useWideScreen } from '../components/use-wide-screen';
import { LetterCard, LetterTableRow } from './letter-row';

const LABEL = 'Письма';

/** Letters, newest first: a table on wide screens, cards on phones; «Показать ещё». */
export function LetterList({ filters, filtered }: { filters: MailParams; filtered: boolean }) {
  const wide = useWideScreen();
  const letters = useLetters(filters);
  const items = letters.data?.pages.flatMap((page) => page.items) ?? [];

  if (letters.isPending) return <PageLoader />;
  if (letters.isError && items.length === 0) {
    return <QueryError error={letters.error} onRetry={() => letters.refetch()} />;
  }

  return (
    <Stack gap="sm">
      {items.length === 0 && (
        <Text c="dimmed" role="status">
          {filtered ? 'Писем не найдено.' : 'Писем пока нет.'}
        </Text>
      )}
      {items.length > 0 && wide && (
        <Table.ScrollContainer minWidth={800} type="native">
          <Table striped highlightOnHover withTableBorder verticalSpacing="xs" aria-label={LABEL}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={140}>Создано</Table.Th>
                <Table.Th>Тема</Table.Th>
                <Table.Th w={220}>Получатель</Table.Th>
                <Table.Th w={90} ta="right">
                  Попыток
                </Table.Th>
                <Table.Th w={140}>Отправлено</Table.Th>
                <Table.Th w={130}>Состояние</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((letter) => (
                <LetterTableRow key={letter.id} letter={letter} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {items.length > 0 && !wide && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={LABEL}>
          {items.map((letter) => (
            <LetterCard key={letter.id} letter={letter} />
          ))}
        </Stack>
      )}
      <ShowMore query={letters} />
    </Stack>
  );
}
