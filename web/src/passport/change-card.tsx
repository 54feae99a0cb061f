import { Badge, Card, Group, List, Stack, Text } from '@mantine/core';
import type { FieldChange } from '@profreestr/contracts';
import type { ReactNode } from 'react';
import { type FieldDef, formatValue } from './field-model';

const dateTimeFormat = new Intl.DateTimeFormat('ru-RU', {
  dateStyle: 'long',
  timeStyle: 'short',
});

/** One entry of a change log: an org's or a member's. */
export interface ChangeEntry {
  id: string;
  at: string;
  actor: { login: string; fullName: string } | null;
  changes: FieldChange[];
  note: string | null;
}

/** How a changed field is shown: its Russian name, and its definition or a renderer of values. */
export interface FieldDescription {
  label: string;
  def?: FieldDef | undefined;
  render?: ((value: unknown) => ReactNode) | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A change of a whole nested object (a chairman filled in for the first time arrives as
 * `chairman: null → {…}`) becomes one line per field that actually differs.
 */
export function flattenChange(change: FieldChange): FieldChange[] {
  const { old, new: next } = change;
  if (!isRecord(old) && !isRecord(next)) return [change];
  const before = isRecord(old) ? old : {};
  const after = isRecord(next) ? next : {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.flatMap((key) => {
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (JSON.stringify(a) === JSON.stringify(b)) return [];
    return flattenChange({ field: `${change.field}.${key}`, old: a, new: b });
  });
}

function ChangeLine({ change, describe }: { change: FieldChange; describe: FieldDescription }) {
  const { label, def, render } = describe;
  const show = (value: unknown) =>
    render && value !== null ? render(value) : (formatValue(def, value) ?? '—');
  return (
    <List.Item>
      <Text span size="sm" fw={500}>
        {label}:
      </Text>{' '}
      <Text span size="sm" style={{ overflowWrap: 'anywhere' }}>
        {show(change.old)} → {show(change.new)}
      </Text>
    </List.Item>
  );
}

interface ChangeCardProps {
  entry: ChangeEntry;
  actionLabel: string;
  describe: (field: string) => FieldDescription;
  /** The position of a field in the form, so expanded changes follow the form's order. */
  order?: (field: string) => number;
  /** The accessible name of the list of changes. */
  listLabel?: string;
}

export function ChangeCard({ entry, actionLabel, describe, order, listLabel }: ChangeCardProps) {
  const changes = entry.changes.flatMap(flattenChange);
  if (order) changes.sort((a, b) => order(a.field) - order(b.field));
  return (
    <Card component="li" withBorder padding="sm" radius="md">
      <Stack gap={6}>
        <Group gap="xs" justify="space-between" wrap="wrap">
          <Badge variant="light" tt="none" maw="100%">
            {actionLabel}
          </Badge>
          <Text size="xs" c="dimmed" component="time" dateTime={entry.at}>
            {dateTimeFormat.format(new Date(entry.at))}
          </Text>
        </Group>
        <Text size="sm">
          {entry.actor ? `${entry.actor.fullName} (${entry.actor.login})` : 'Система'}
        </Text>
        {changes.length > 0 && (
          <List size="sm" spacing={2} aria-label={listLabel ?? 'Изменения'}>
            {changes.map((change, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a change has no id; the list is fixed
              <ChangeLine key={index} change={change} describe={describe(change.field)} />
            ))}
          </List>
        )}
        {entry.note && (
          // For list entries the note is the whole story («Добавлено: …»); else a remark.
          <Text
            size="sm"
            c={changes.length > 0 ? 'dimmed' : undefined}
            style={{ overflowWrap: 'anywhere' }}
          >
            {entry.note}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** Newest first; the server sends them so, the sort only guards the order across pages. */
export const newestFirst = (a: ChangeEntry, b: ChangeEntry) =>
  b.at.localeCompare(a.at) || b.id.length - a.id.length || b.id.localeCompare(a.id);
