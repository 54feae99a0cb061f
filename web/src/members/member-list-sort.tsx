import { NativeSelect, UnstyledButton } from '@mantine/core';
import type { MemberSort } from '../api/members';
import { SORT_OPTIONS } from './member-filters';
import classes from './member-list.module.css';

type Column = 'name' | 'birthDate' | 'registeredOn';

const COLUMNS: { column: Column; label: string; className: string; first: MemberSort }[] = [
  { column: 'name', label: 'ФИО', className: classes.body ?? '', first: 'name' },
  {
    column: 'birthDate',
    label: 'Дата рождения',
    className: classes.date ?? '',
    first: 'birthDate',
  },
  // The newest first: who was put on record lately.
  {
    column: 'registeredOn',
    label: 'На учёте с',
    className: classes.date ?? '',
    first: '-registeredOn',
  },
];

const columnOf = (sort: MemberSort) => sort.replace(/^-/, '') as Column;
const reverse = (sort: MemberSort) =>
  (sort.startsWith('-') ? sort.slice(1) : `-${sort}`) as MemberSort;

interface SortProps {
  sort: MemberSort;
  onSort: (sort: MemberSort) => void;
  /** Members lacking a field are listed by org: the order cannot change. */
  fixed: boolean;
}

/** Phones: the order as a select above the list. */
export function MemberSortSelect({ sort, onSort, fixed }: SortProps) {
  return (
    <NativeSelect
      className={classes.sortSelect}
      label="Порядок"
      data={fixed ? [{ value: sort, label: 'По организациям' }] : SORT_OPTIONS}
      value={sort}
      disabled={fixed}
      onChange={(event) => onSort(event.currentTarget.value as MemberSort)}
    />
  );
}

interface HeadProps extends SortProps {
  showOrg: boolean;
  /** The rows have an action column. */
  withActions: boolean;
}

/** Wide screens: column headers over the rows; a header sorts by its column, again reverses. */
export function MemberListHead({ sort, onSort, fixed, showOrg, withActions }: HeadProps) {
  return (
    <div className={classes.head}>
      {COLUMNS.map(({ column, label, className, first }) => {
        if (fixed) {
          return (
            <span key={column} className={className}>
              {label}
            </span>
          );
        }
        const active = columnOf(sort) === column;
        const descending = active && sort.startsWith('-');
        const arrow = active ? (descending ? ' ↓' : ' ↑') : '';
        return (
          <span key={column} className={className}>
            <UnstyledButton
              fw={600}
              fz="sm"
              c={active ? undefined : 'dimmed'}
              aria-pressed={active}
              aria-label={`${label}${active ? (descending ? ', по убыванию' : ', по возрастанию') : ''}`}
              onClick={() => onSort(active ? reverse(sort) : first)}
            >
              {label}
              <span aria-hidden>{arrow}</span>
            </UnstyledButton>
          </span>
        );
      })}
      {showOrg && <span className={classes.org}>Организация</span>}
      {withActions && <span className={classes.action} />}
    </div>
  );
}
