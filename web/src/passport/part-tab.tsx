import { Alert, Button, Card, DataList, Group, Stack, Table, Text } from '@mantine/core';
import { quoted } from '@profreestr/contracts';
import { useState } from 'react';
import {
  type PartItem,
  type PartItems,
  type PartKind,
  usePartList,
  usePartMutations,
} from '../api/org-parts';
import { FormModal } from '../components/form-modal';
import { errorMessage, PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { useWideScreen } from '../components/use-wide-screen';
import type { PartDef } from './part-defs';
import { PartForm } from './part-form';
import { ValueText } from './value-text';

interface PartTabProps<K extends PartKind> {
  orgId: string;
  def: PartDef<K>;
  canEdit: boolean;
}

/** A passport list (Профактив, Штат, Мероприятия): cards on a phone, a table on a desktop. */
export function PartTab<K extends PartKind>({ orgId, def, canEdit }: PartTabProps<K>) {
  const list = usePartList(orgId, def.kind);
  const { save, remove } = usePartMutations(orgId, def.kind);
  const wide = useWideScreen();
  // undefined: closed; null: a new row; an item: that row.
  const [editing, setEditing] = useState<PartItems[K] | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<PartItems[K] | null>(null);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  const openForm = (item: PartItems[K] | null) => {
    save.reset();
    setEditing(item);
  };
  const openDelete = (item: PartItems[K]) => {
    remove.reset();
    setDeleting(item);
  };
  const actions = (item: PartItems[K]) =>
    canEdit && (
      <Group gap="xs" wrap="nowrap">
        <Button
          size="xs"
          variant="light"
          aria-label={`Изменить: ${def.itemTitle(item)}`}
          onClick={() => openForm(item)}
        >
          Изменить
        </Button>
        <Button
          size="xs"
          variant="subtle"
          color="red"
          aria-label={`Удалить: ${def.itemTitle(item)}`}
          onClick={() => openDelete(item)}
        >
          Удалить
        </Button>
      </Group>
    );

  return (
    <Stack gap="sm">
      {canEdit && (
        <Group>
          <Button onClick={() => openForm(null)}>Добавить</Button>
        </Group>
      )}
      {list.isPending && <PageLoader />}
      {list.isError && <QueryError error={list.error} onRetry={() => list.refetch()} />}
      {list.isSuccess && items.length === 0 && <Text c="dimmed">{def.empty}</Text>}
      {items.length > 0 && wide && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{def.titleLabel}</Table.Th>
                {def.columns.map((column) => (
                  <Table.Th key={column.label}>{column.label}</Table.Th>
                ))}
                {canEdit && <Table.Th>Действия</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td fw={500}>{def.itemTitle(item)}</Table.Td>
                  {def.columns.map((column) => (
                    <Table.Td key={column.label}>
                      <ValueText text={column.value(item)} />
                    </Table.Td>
                  ))}
                  {canEdit && <Table.Td>{actions(item)}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {items.length > 0 && !wide && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((item) => (
            <Card key={item.id} component="li" withBorder padding="sm" radius="md">
              <Stack gap="xs">
                <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {def.itemTitle(item)}
                </Text>
                <DataList orientation="vertical" withDivider>
                  {def.columns.map((column) => (
                    <DataList.Item key={column.label}>
                      <DataList.ItemLabel>{column.label}</DataList.ItemLabel>
                      <DataList.ItemValue>
                        <ValueText text={column.value(item)} />
                      </DataList.ItemValue>
                    </DataList.Item>
                  ))}
                </DataList>
                {actions(item)}
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
      <ShowMore query={list} />

      <FormModal
        opened={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={editing ? def.editTitle : def.addTitle}
      >
        {editing !== undefined && (
          <PartForm
            key={editing?.id ?? 'new'}
            fields={def.fields}
            item={editing as PartItem | null}
            label={editing ? def.editTitle : def.addTitle}
            save={save}
            onDone={() => setEditing(undefined)}
          />
        )}
      </FormModal>

      <FormModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Удалить запись?"
        size="sm"
      >
        <Stack gap="md">
          <Text>
            {`Запись ${quoted(deleting ? def.itemTitle(deleting) : '')} будет удалена из раздела ${quoted(def.title)}.`}
          </Text>
          {remove.isError && (
            <Alert color="red" role="alert">
              {errorMessage(remove.error)}
            </Alert>
          )}
          <Group>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })
              }
            >
              Удалить
            </Button>
            <Button variant="default" onClick={() => setDeleting(null)}>
              Отмена
            </Button>
          </Group>
        </Stack>
      </FormModal>
    </Stack>
  );
}
