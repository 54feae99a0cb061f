import { Stack, Table, Text } from '@mantine/core';
import type { Import } from '@profreestr/contracts';
import { formatCount } from '../format';

/** The rows the import skipped and why; scrolls sideways on a phone. */
export function ImportErrors({ item }: { item: Import }) {
  if (item.errors.length === 0) return null;
  return (
    <Stack gap="xs">
      <Text fw={600} id="import-errors-title">
        Ошибки
      </Text>
      {item.errorsTruncated && (
        <Text size="sm" c="dimmed">
          Показаны первые {formatCount(item.errors.length)} ошибок. Все отклонённые строки с
          причинами — в файле отклонённых строк.
        </Text>
      )}
      <Table.ScrollContainer minWidth={480} type="native">
        <Table striped withTableBorder aria-labelledby="import-errors-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90}>Строка</Table.Th>
              <Table.Th w={160}>Столбец</Table.Th>
              <Table.Th>Ошибка</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {item.errors.map((error, index) => (
              // Several errors may share a row and a column: the position is the only unique key.
              // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders
              <Table.Tr key={index}>
                <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{error.row}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{error.column ?? '—'}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{error.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
