import { Group, Progress, rem, Stack, Text } from '@mantine/core';
import type { Import } from '@profreestr/contracts';
import { isImportActive } from '../api/imports';
import { formatCount } from '../format';

/** «строки» after «из 1», «из 21»; «строк» after the rest. */
const rowsWord = (n: number) => (n % 10 === 1 && n % 100 !== 11 ? 'строки' : 'строк');

function progressText(item: Import): string | null {
  if (item.total !== null) {
    const total = item.total;
    return `Обработано ${formatCount(item.processed)} из ${formatCount(total)} ${rowsWord(total)}`;
  }
  if (isImportActive(item)) return 'Подсчёт строк…';
  return item.processed > 0 ? `Обработано строк: ${formatCount(item.processed)}` : null;
}

const percentOf = (item: Import) => {
  if (item.status === 'done') return 100;
  if (!item.total) return 0;
  return Math.min(100, Math.floor((item.processed / item.total) * 100));
};

/** The progress bar and what became of the rows so far. */
export function ImportCounts({ item }: { item: Import }) {
  const active = isImportActive(item);
  const text = progressText(item);
  return (
    <Stack gap="xs">
      <Progress
        value={percentOf(item)}
        aria-label="Ход загрузки"
        size="lg"
        color={item.status === 'failed' ? 'red' : item.status === 'done' ? 'teal' : 'blue'}
        animated={active}
        // A sliver at 0 %: the bar is visibly there before the first rows are counted.
        styles={{ section: { minWidth: rem(6) } }}
      />
      {text && <Text size="sm">{text}</Text>}
      <Group gap="lg">
        <Text>{`Добавлено: ${formatCount(item.created)}`}</Text>
        <Text>{`Обновлено: ${formatCount(item.updated)}`}</Text>
        <Text c={item.rejected > 0 ? 'red.8' : undefined}>
          {`Отклонено: ${formatCount(item.rejected)}`}
        </Text>
      </Group>
    </Stack>
  );
}
