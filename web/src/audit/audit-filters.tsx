import { NativeSelect, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { auditResults } from '@profreestr/contracts';
import { useEffect, useRef, useState } from 'react';
import type { AuditParams } from '../api/audit';
import classes from './audit.module.css';
import { actionGroups, auditResultLabels, knownActionFilters } from './audit-format';
import type { AuditFilterKey } from './audit-params';

/** The select's choice «another code»: a free-text code or prefix goes in the input below. */
const OTHER = '*';

const ACTION_DATA = [
  { value: '', label: 'Все действия' },
  ...actionGroups,
  { group: 'Другое', items: [{ value: OTHER, label: 'Другой код или его начало…' }] },
];

const RESULT_OPTIONS = [
  { value: '', label: 'Все' },
  ...auditResults.map((value) => ({ value, label: auditResultLabels[value] })),
];

/**
 * A text filter: typed locally, written to the URL once the typing pauses; a change of the URL
 * from elsewhere («Сбросить фильтры», back) shows in the input.
 */
function useDebouncedText(url: string, commit: (value: string) => void) {
  const [value, setValue] = useState(url);
  const [debounced] = useDebouncedValue(value.trim(), 400);
  const last = useRef(url);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only new text writes the URL
  useEffect(() => {
    if (debounced === last.current) return;
    last.current = debounced;
    commit(debounced);
  }, [debounced]);
  useEffect(() => {
    if (url === last.current) return;
    last.current = url;
    setValue(url);
  }, [url]);
  return [value, setValue] as const;
}

interface AuditFiltersProps {
  filters: AuditParams;
  set: (changes: Partial<Record<AuditFilterKey, string>>) => void;
  /** Grows with each «Сбросить фильтры»: the select leaves «another code». */
  resets: number;
}

/** Action (a known one, a group, or a typed code prefix), result, user, dates. */
export function AuditFilters({ filters, set, resets }: AuditFiltersProps) {
  const action = filters.action ?? '';
  const [custom, setCustom] = useState(!!action && !knownActionFilters.has(action));
  useEffect(() => {
    if (resets > 0) setCustom(false);
  }, [resets]);
  const [code, setCode] = useDebouncedText(custom ? action : '', (value) => set({ action: value }));
  const [actor, setActor] = useDebouncedText(filters.actor ?? '', (value) => set({ actor: value }));

  const onAction = (value: string) => {
    setCustom(value === OTHER);
    set({ action: value === OTHER ? code.trim() : value });
  };

  return (
    <div className={classes.filters}>
      <NativeSelect
        className={classes.wide}
        label="Действие"
        data={ACTION_DATA}
        value={custom ? OTHER : knownActionFilters.has(action) ? action : ''}
        onChange={(event) => onAction(event.currentTarget.value)}
      />
      {custom && (
        <TextInput
          className={classes.wide}
          label="Код действия"
          description="Полностью или начало"
          placeholder="например, member."
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          maxLength={64}
        />
      )}
      <NativeSelect
        label="Результат"
        data={RESULT_OPTIONS}
        value={filters.result ?? ''}
        onChange={(event) => set({ result: event.currentTarget.value })}
      />
      <TextInput
        label="Пользователь"
        placeholder="логин"
        value={actor}
        onChange={(event) => setActor(event.currentTarget.value)}
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        maxLength={64}
      />
      <TextInput
        type="date"
        label="С даты"
        value={filters.from ?? ''}
        max={filters.to}
        onChange={(event) => set({ from: event.currentTarget.value })}
      />
      <TextInput
        type="date"
        label="По дату"
        value={filters.to ?? ''}
        min={filters.from}
        onChange={(event) => set({ to: event.currentTarget.value })}
      />
    </div>
  );
}
