import { Anchor, Group, List, Stack } from '@mantine/core';
import type { ImportKind } from '@profreestr/contracts';
import { templateUrl } from '../api/imports';

/** The templates of the chosen kind and what the server accepts. */
export function ImportHelp({ kind }: { kind: ImportKind }) {
  return (
    <Stack gap="xs">
      <Group gap="md">
        <Anchor href={templateUrl(kind, 'xlsx')} download size="sm">
          Шаблон XLSX
        </Anchor>
        <Anchor href={templateUrl(kind, 'csv')} download size="sm">
          Шаблон CSV
        </Anchor>
      </Group>
      <List size="sm" c="dimmed" spacing={4}>
        <List.Item>
          CSV — в кодировке UTF-8 или Windows-1251, разделитель — точка с запятой (;) или запятая
          (,).
        </List.Item>
        <List.Item>Даты — в виде ДД.ММ.ГГГГ.</List.Item>
        <List.Item>Размер файла — до 50 МБ.</List.Item>
        <List.Item>
          Строка с ошибкой пропускается и попадает в отчёт, остальные строки загружаются.
        </List.Item>
        <List.Item>Повторная загрузка того же файла ничего не меняет.</List.Item>
      </List>
    </Stack>
  );
}
