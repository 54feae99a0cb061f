import { NativeSelect, TextInput } from '@mantine/core';
import {
  letterKindLabels,
  letterKinds,
  letterStatuses,
  letterStatusLabels,
} from '@profreestr/contracts';
import type { MailParams } from '../api/mail';
import classes from '../components/filters.module.css';
import { useDebouncedText } from '../components/use-debounced-text';
import type { MailFilterKey } from './mail-params';

const KIND_OPTIONS = [
  { value: '', label: 'Все виды' },
  ...letterKinds.map((value) => ({ value, label: letterKindLabels[value] })),
];

const STATUS_OPTIONS = [
  { value: '', label: 'Все' },
  ...letterStatuses.map((value) => ({ value, label: letterStatusLabels[value] })),
];

interface MailFiltersProps {
  filters: MailParams;
  set: (changes: Partial<Record<MailFilterKey, string>>) => void;
}

/** Kind, state and the recipient's address (or its beginning). */
export function MailFilters({ filters, set }: MailFiltersProps) {
  const [to, setTo] = useDebouncedText(filters.to ?? '', (value) => set({ to: value }));
  return (
    <div className={classes.filters}>
      <NativeSelect
        className={classes.wide}
        label="Вид письма"
        data={KIND_OPTIONS}
        value={filters.kind ?? ''}
        onChange={(event) => set({ kind: event.currentTarget.value })}
      />
      <NativeSelect
        label="Состояние"
        data={STATUS_OPTIONS}
        value={filters.status ?? ''}
        onChange={(event) => set({ status: event.currentTarget.value })}
      />
      <TextInput
        label="Получатель"
        placeholder="адрес или его начало"
        type="search"
        inputMode="email"
        value={to}
        onChange={(event) => setTo(event.currentTarget.value)}
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        maxLength={254}
      />
    </div>
  );
}
