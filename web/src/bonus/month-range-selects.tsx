import { NativeSelect } from '@mantine/core';
import classes from '../components/filters.module.css';
import type { MonthRangeFilters } from './bonus-months';

/** «С месяца» and «По месяц» side by side: the months of a range of figures by month. */
export function MonthRangeSelects({
  options,
  filters,
  onChange,
}: {
  options: { value: string; label: string }[];
  filters: Pick<MonthRangeFilters, 'from' | 'to'>;
  onChange: (change: { from: string } | { to: string }) => void;
}) {
  return (
    <div className={classes.filters}>
      <NativeSelect
        label="С месяца"
        data={options}
        value={filters.from}
        onChange={(event) => onChange({ from: event.currentTarget.value })}
      />
      <NativeSelect
        label="По месяц"
        data={options}
        value={filters.to}
        onChange={(event) => onChange({ to: event.currentTarget.value })}
      />
    </div>
  );
}
