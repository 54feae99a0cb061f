import { Button, Group, NativeSelect } from '@mantine/core';
import { useState } from 'react';
import { useOrg } from '../api/orgs';
import { useAuth } from '../auth/use-auth';
import classes from '../components/filters.module.css';
import { UnderChip, UnderPicker } from './under-filter';

type Key = 'status' | 'under';

export interface StatusUnderFiltersProps {
  /** The select's label («Статус», «Состояние»). */
  statusLabel: string;
  /** «Все» first, then each status with its label. */
  statusOptions: { value: string; label: string }[];
  filters: { status?: string | undefined; under?: string | undefined };
  set: (changes: Partial<Record<Key, string>>) => void;
  clear: () => void;
}

/**
 * A list's status, and an org of the caller's subtree (picked with the search, shown as a
 * chip): the org only where there are orgs below the caller's own.
 */
export function StatusUnderFilters({
  statusLabel,
  statusOptions,
  filters,
  set,
  clear,
}: StatusUnderFiltersProps) {
  const { user } = useAuth();
  const [picking, setPicking] = useState(false);
  const own = useOrg(user?.orgId ?? '');
  const canPickOrg = own.data !== undefined && own.data.level !== 'primary' && !filters.under;
  const filtered = Boolean(filters.status || filters.under);
  return (
    <>
      <div className={classes.filters}>
        <NativeSelect
          className={classes.wide}
          label={statusLabel}
          data={statusOptions}
          value={filters.status ?? ''}
          onChange={(event) => set({ status: event.currentTarget.value })}
        />
        {canPickOrg && (
          <Button className={classes.wide} variant="default" onClick={() => setPicking(true)}>
            Выбрать организацию
          </Button>
        )}
      </div>
      {filtered && (
        <Group gap="xs">
          {filters.under && <UnderChip id={filters.under} onRemove={() => set({ under: '' })} />}
          <Button variant="subtle" size="compact-sm" onClick={clear}>
            Сбросить фильтры
          </Button>
        </Group>
      )}
      <UnderPicker
        opened={picking}
        onClose={() => setPicking(false)}
        under={user?.orgId}
        onPick={(orgId) => set({ under: orgId })}
      />
    </>
  );
}
