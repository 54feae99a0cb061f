import { Badge, Card, Group, List, Stack, Text } from '@mantine/core';
import { type FieldChange, type OrgChange, orgChangeActionLabels } from '@profreestr/contracts';
import { useOrgHistory } from '../api/org-parts';
import { PageLoader, QueryError } from '../components/query-state';
import { ShowMore } from '../components/show-more';
import { type FieldDef, formatValue } from './field-model';
import { partFieldsByAction } from './part-defs';
import { passportFieldsByPath } from './passport-fields';

const dateTimeFormat = new Intl.DateTimeFormat('ru-RU', {
  dateStyle: 'long',
  timeStyle: 'short',
});

const LIST_TITLES: Record<string, string> = {
  activist: 'Профактив',
  staff: 'Штат',
  event: 'Мероприятия',
};

/** The Russian name of a changed field and its definition, or the raw path. */
function describeField(action: string, path: string): { label: string; def?: FieldDef } {
  const passport = passportFieldsByPath.get(path);
  if (passport) {
    const label = passport.group ? `${passport.group}: ${passport.def.label}` : passport.def.label;
    return { label, def: passport.def };
  }
  const listFields = partFieldsByAction[action];
  if (listFields) {
    // List changes may name fields bare (`phone`) or under the list (`activist.phone`).
    const key = path.includes('.') ? path.slice(path.indexOf('.') + 1) : path;
    const def = listFields.find((field) => field.key === key);
    if (def) return { label: def.label, def };
  }
  return { label: path };
}

const showValue = (def: FieldDef | undefined, value: unknown) => formatValue(def, value) ?? '—';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A change of a whole nested object (a chairman filled in for the first time arrives as
 * `chairman: null → {…}`) becomes one line per field that actually differs.
 */
function flattenChange(change: FieldChange): FieldChange[] {
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

function ChangeLine({ action, change }: { action: string; change: FieldChange }) {
  const { label, def } = describeField(action, change.field);
  return (
    <List.Item>
      <Text span size="sm" fw={500}>
        {label}:
      </Text>{' '}
      <Text span size="sm" style={{ overflowWrap: 'anywhere' }}>
        {showValue(def, change.old)} → {showValue(def, change.new)}
      </Text>
    </List.Item>
  );
}

// Expanded nested changes follow the passport's field order; unknown fields go last.
const FIELD_ORDER = new Map([...passportFieldsByPath.keys()].map((path, index) => [path, index]));
const byFieldOrder = (a: FieldChange, b: FieldChange) =>
  (FIELD_ORDER.get(a.field) ?? FIELD_ORDER.size) - (FIELD_ORDER.get(b.field) ?? FIELD_ORDER.size);

function HistoryEntry({ entry }: { entry: OrgChange }) {
  const list = LIST_TITLES[entry.action];
  const changes = entry.changes.flatMap(flattenChange).sort(byFieldOrder);
  return (
    <Card component="li" withBorder padding="sm" radius="md">
      <Stack gap={6}>
        <Group gap="xs" justify="space-between" wrap="wrap">
          <Badge variant="light" tt="none" maw="100%">
            {orgChangeActionLabels[entry.action] ?? entry.action}
          </Badge>
          <Text size="xs" c="dimmed" component="time" dateTime={entry.at}>
            {dateTimeFormat.format(new Date(entry.at))}
          </Text>
        </Group>
        <Text size="sm">
          {entry.actor ? `${entry.actor.fullName} (${entry.actor.login})` : 'Система'}
        </Text>
        {changes.length > 0 && (
          <List size="sm" spacing={2} aria-label={list ? `Изменения: ${list}` : 'Изменения'}>
            {changes.map((change, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a change has no id; the list is fixed
              <ChangeLine key={index} action={entry.action} change={change} />
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

const newestFirst = (a: OrgChange, b: OrgChange) =>
  b.at.localeCompare(a.at) || b.id.length - a.id.length || b.id.localeCompare(a.id);

/** The org's change log, newest first (the server's order). */
export function HistoryTab({ orgId }: { orgId: string }) {
  const history = useOrgHistory(orgId);
  // Newest first; the server sends them so, the sort only guards the order across pages.
  const items = (history.data?.pages.flatMap((page) => page.items) ?? []).sort(newestFirst);

  if (history.isPending) return <PageLoader />;
  if (history.isError && items.length === 0) {
    return <QueryError error={history.error} onRetry={() => history.refetch()} />;
  }
  return (
    <Stack gap="sm">
      {items.length === 0 && <Text c="dimmed">Изменений пока не было.</Text>}
      <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((entry) => (
          <HistoryEntry key={entry.id} entry={entry} />
        ))}
      </Stack>
      <ShowMore query={history} />
    </Stack>
  );
}
