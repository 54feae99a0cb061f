import { SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { type AidTotals, benefitKindLabels } from '@profreestr/contracts';
import { monthLabel } from '../bonus/bonus-months';
import { formatCount } from '../format';
import { formatRoubles } from './money';

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

const nowrap = { whiteSpace: 'nowrap' } as const;

/** The range's totals, then the months, then each benefit of each month (newest first). */
export function AidTotalsView({ totals }: { totals: AidTotals }) {
  const months = [...totals.months].reverse();
  const items = [...totals.items].sort(
    (a, b) => b.month.localeCompare(a.month) || a.benefit.title.localeCompare(b.benefit.title),
  );
  return (
    <Stack gap="lg">
      <SimpleGrid cols={2} spacing="sm" role="group" aria-label="Итоги за период">
        <Figure label="Одобрено обращений" value={formatCount(totals.total.granted)} />
        <Figure label="Назначено" value={formatRoubles(totals.total.amount)} />
      </SimpleGrid>
      <Stack gap="xs" component="section" aria-labelledby="aid-months">
        <Title order={2} size="h4" id="aid-months">
          По месяцам
        </Title>
        <Table.ScrollContainer minWidth={320}>
          <Table striped aria-label="Помощь по месяцам">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Месяц</Table.Th>
                <Table.Th ta="right">Одобрено</Table.Th>
                <Table.Th ta="right">Назначено</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {months.map((month) => (
                <Table.Tr key={month.month}>
                  <Table.Td style={nowrap}>{monthLabel(month.month)}</Table.Td>
                  <Table.Td ta="right">{formatCount(month.granted)}</Table.Td>
                  <Table.Td ta="right" style={nowrap}>
                    {formatRoubles(month.amount)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="aid-benefits">
        <Title order={2} size="h4" id="aid-benefits">
          По льготам
        </Title>
        {items.length === 0 ? (
          <Text c="dimmed" role="status">
            За эти месяцы одобренных обращений нет.
          </Text>
        ) : (
          // Wider than a phone: it scrolls inside its box, the page itself does not.
          <Table.ScrollContainer minWidth={560}>
            <Table striped aria-label="Помощь по льготам">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Месяц</Table.Th>
                  <Table.Th>Льгота</Table.Th>
                  <Table.Th>Предлагает</Table.Th>
                  <Table.Th ta="right">Одобрено</Table.Th>
                  <Table.Th ta="right">Назначено</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={`${item.month}-${item.benefit.id}`}>
                    <Table.Td style={nowrap}>{monthLabel(item.month)}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      {item.benefit.title}
                      <Text size="xs" c="dimmed">
                        {benefitKindLabels[item.benefit.kind]}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{item.benefit.orgName}</Table.Td>
                    <Table.Td ta="right">{formatCount(item.granted)}</Table.Td>
                    <Table.Td ta="right" style={nowrap}>
                      {formatRoubles(item.amount)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Stack>
  );
}
