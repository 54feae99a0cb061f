import { NativeSelect, TextInput } from '@mantine/core';
import { auditResults } from '@profreestr/contracts';
import { useState } from 'react';
import type { AuditParams } from '../api/audit';
import { DateInput, dateText, parseDateInput } from '../components/date-input';
import { useDebouncedText } from '../components/use-debounced-text';
import classes from './audit.module.css';
import { actionGroups, auditResultLabels } from './audit-format';
import type { AuditFilterKey } from './audit-params';

/** Every action by its Russian name, grouped; a group's first choice is all of it. */
const ACTION_DATA = [{ value: '', label: 'Все действия' }, ...actionGroups];

const RESULT_OPTIONS = [
  { value: '', label: 'Все' },
  ...auditResults.map((value) => ({ value, label: auditResultLabels[value] })),
];

interface AuditFiltersProps {
  filters: AuditParams;
  set: (changes: Partial<Record<AuditFilterKey, string>>) => void;
}

/** Action (one, or a whole group), result, user, dates. */
export function AuditFilters({ filters, set }: AuditFiltersProps) {
  const [actor, setActor] = useDebouncedText(filters.actor ?? '', (value) => set({ actor: value }));

  return (
    <div className={classes.filters}>
      <NativeSelect
        className={classes.wide}
        label="Действие"
        data={ACTION_DATA}
        value={filters.action ?? ''}
        onChange={(event) => set({ action: event.currentTarget.value })}
      />
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
      <DateFilter label="С даты" value={filters.from} onChange={(from) => set({ from })} />
      <DateFilter label="По дату" value={filters.to} onChange={(to) => set({ to })} />
    </div>
  );
}

/**
 * A day of the filter, typed as ДД.ММ.ГГГГ like every date of the UI: the filter changes once
 * the text is a whole, real day (or cleared); a half-typed or impossible one says so on leaving
 * the field («Такой даты нет») and filters nothing.
 */
function DateFilter(props: {
  label: string;
  value?: string | undefined;
  onChange: (iso: string) => void;
}) {
  const [text, setText] = useState(() => dateText(props.value));
  const [left, setLeft] = useState(false);
  const parsed = parseDateInput(text, {});
  const change = (next: string) => {
    setText(next);
    setLeft(false);
    const result = parseDateInput(next, {});
    if ('value' in result) props.onChange(result.value ?? '');
  };
  return (
    <DateInput
      label={props.label}
      value={text}
      onChange={change}
      onBlur={() => setLeft(true)}
      error={(left || text.length === 10) && 'error' in parsed ? parsed.error : undefined}
    />
  );
}
