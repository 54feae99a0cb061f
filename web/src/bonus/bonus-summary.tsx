import { SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { type BonusMonth, type BonusStats, formatKopecks } from '@profreestr/contracts';
import { formatCount, formatPercent } from '../format';
import { monthLabel, totalsOf } from './bonus-months';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Text>
    </Stack>
  );
}

/** The range's totals and the share of the subtree's members who take part in the programme. */
export function BonusTotals({ stats, items }: { stats: BonusStats; items: BonusMonth[] }) {
  const totals = totalsOf(items);
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" role="group" aria-label="Итоги за период">
        <Figure label="Покупок" value={formatCount(totals.purchases)} />
        <Figure label="На сумму" value={formatKopecks(totals.amount)} />
        <Figure label="Кэшбэк" value={formatKopecks(totals.cashback)} />
        <Figure
          label="Участвуют в программе"
          value={formatPercent(stats.programmeMembers, stats.members)}
        />
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        В программе PROFCARDS {formatCount(stats.programmeMembers)} из {formatCount(stats.members)}{' '}
        членов Профсоюза на учёте.
      </Text>
    </Stack>
  );
}

/** The same months as a table: what the chart shows, for reading and for screen readers. */
export function BonusTable({ items }: { items: BonusMonth[] }) {
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table striped aria-label="PROFCARDS по месяцам">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Месяц</Table.Th>
            <Table.Th ta="right">Покупок</Table.Th>
            <Table.Th ta="right">Сумма</Table.Th>
            <Table.Th ta="right">Кэшбэк</Table.Th>
            <Table.Th ta="right">Участников</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...items].reverse().map((item) => (
            <Table.Tr key={item.month}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {monthLabel(item.month.slice(0, 7))}
              </Table.Td>
              <Table.Td ta="right">{formatCount(item.purchases)}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatKopecks(item.amount)}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatKopecks(item.cashback)}
              </Table.Td>
              <Table.Td ta="right">{formatCount(item.participants)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
