import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { isApiError } from '../api/client';
import { type FieldDef, formatValue, readPath, toFormValue } from './field-model';

// Two people editing one card or passport: the server refuses a change made from an older
// version (412, the form sends `If-Match`). The form then shows which of the fields the user
// edited someone else changed meanwhile, and lets the user put their changes on top of the
// current version or drop them.

export interface ConflictChange {
  label: string;
  /** What the form started from, and what is saved now (null: not filled in). */
  before: string | null;
  after: string | null;
}

/** The edited fields whose saved value is no longer the one the form started from. */
export function conflictChanges(
  fields: FieldDef[],
  edited: string[],
  started: unknown,
  current: unknown,
): ConflictChange[] {
  return fields
    .filter((def) => edited.includes(def.key))
    .filter(
      (def) =>
        toFormValue(def, readPath(started, def.key)) !==
        toFormValue(def, readPath(current, def.key)),
    )
    .map((def) => ({
      label: def.label,
      before: formatValue(def, readPath(started, def.key)),
      after: formatValue(def, readPath(current, def.key)),
    }));
}

interface Conflict<T> {
  current: T;
  changes: ConflictChange[];
}

interface VersionedEditOptions<T> {
  /** The record as the form opened. */
  record: T;
  /** The record as saved now (refetched, which also refreshes the page under the form). */
  fetchCurrent: () => Promise<T>;
  fields: FieldDef[];
  /** The object the fields read, e.g. a passport tab's `chairman`. */
  source?: (record: T) => unknown;
}

/** The version a form edits and the conflict of its last save, if any. */
export function useVersionedEdit<T extends { version: number }>({
  record,
  fetchCurrent,
  fields,
  source = (value) => value,
}: VersionedEditOptions<T>) {
  const [base, setBase] = useState(record);
  const [conflict, setConflict] = useState<Conflict<T> | null>(null);

  /** After a failed save: true when someone changed the record (the notice then says what). */
  const catchConflict = async (error: unknown, edited: string[]): Promise<boolean> => {
    if (!isApiError(error, 412)) return false;
    let current: T;
    try {
      current = await fetchCurrent();
    } catch {
      // The refusal's own message says what happened; nothing more to show.
      return false;
    }
    setConflict({
      current,
      changes: conflictChanges(fields, edited, source(base), source(current)),
    });
    return true;
  };

  /** «Применить мои изменения»: the user's changes go on top of the current version. */
  const rebase = (): number => {
    if (!conflict) return base.version;
    setBase(conflict.current);
    setConflict(null);
    return conflict.current.version;
  };

  return { version: base.version, conflict, catchConflict, rebase };
}

interface EditConflictNoticeProps {
  /** «карточку», «паспорт». */
  what: string;
  changes: ConflictChange[];
  pending: boolean;
  onApply: () => void;
  onDiscard: () => void;
}

const shown = (text: string | null) => text ?? 'не заполнено';

/** «Пока вы редактировали, карточку изменили: …» with the two ways on. */
export function EditConflictNotice({
  what,
  changes,
  pending,
  onApply,
  onDiscard,
}: EditConflictNoticeProps) {
  return (
    <Alert color="orange" role="alert" title={`Пока вы редактировали, ${what} изменили`}>
      <Stack gap="sm" align="flex-start">
        {changes.length > 0 ? (
          <List size="sm" spacing={4} aria-label="Что изменили">
            {changes.map((change) => (
              <List.Item key={change.label} style={{ overflowWrap: 'anywhere' }}>
                {`${change.label}: было ${shown(change.before)}, стало ${shown(change.after)}`}
              </List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm">Изменили другие поля; те, что меняли вы, остались прежними.</Text>
        )}
        <Text size="sm">Ваши изменения ещё не сохранены.</Text>
        <Group gap="xs">
          <Button onClick={onApply} loading={pending}>
            Применить мои изменения
          </Button>
          <Button variant="default" onClick={onDiscard} disabled={pending}>
            Отменить мои изменения
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
