import { Button, Group, NativeSelect } from '@mantine/core';
import { applicationStatusLabels } from '@profreestr/contracts';
import { useState } from 'react';
import type { ApplicationParams } from '../api/applications';
import { useOrg } from '../api/orgs';
import { useAuth } from '../auth/use-auth';
import classes from '../components/filters.module.css';
import { UnderChip, UnderPicker } from '../orgs/under-filter';
import { type ApplicationFilterKey, LIST_STATUSES } from './application-params';

const STATUS_OPTIONS = [
  { value: '', label: 'Все' },
  ...LIST_STATUSES.map((value) => ({ value, label: applicationStatusLabels[value] })),
];

interface ApplicationFiltersProps {
  filters: ApplicationParams;
  set: (changes: Partial<Record<ApplicationFilterKey, string>>) => void;
  clear: () => void;
}

/**
 * The state, and an org of the caller's subtree (picked with the search, shown as a chip): only
 * where there are orgs below the caller's own.
 */
export function ApplicationFilters({ filters, set, clear }: ApplicationFiltersProps) {
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
          label="Состояние"
          data={STATUS_OPTIONS}
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
