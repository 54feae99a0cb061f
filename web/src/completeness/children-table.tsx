import { Anchor } from '@mantine/core';
import {
  type CompletenessChild,
  type Indicator,
  indicatorLabels,
  memberIndicators,
  orgIndicators,
} from '@profreestr/contracts';
import { type ReactNode, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { formatCount } from '../format';
import classes from './completeness.module.css';
import {
  dashboardUrl,
  filledShare,
  formatShare,
  MEMBERS_GROUP,
  ORGS_GROUP,
  shareColor,
  shortLabels,
} from './indicators';

type SortKey = 'name' | 'orgs' | 'members' | Indicator;
interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

const collator = new Intl.Collator('ru-RU', { numeric: true, sensitivity: 'base' });

function sortValue(child: CompletenessChild, key: SortKey): string | number | null {
  if (key === 'name') return child.org.name;
  if (key === 'orgs') return child.orgs.total;
  if (key === 'members') return child.members.total;
  return filledShare(child, key);
}

/** Rows with nothing to count (—) stay at the bottom either way; ties go by name. */
export function sortChildren(items: CompletenessChild[], sort: Sort): CompletenessChild[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    const va = sortValue(a, sort.key);
    const vb = sortValue(b, sort.key);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else if (va !== vb) {
      const cmp =
        typeof va === 'string' && typeof vb === 'string'
          ? collator.compare(va, vb)
          : Number(va) - Number(vb);
      if (cmp !== 0) return sign * cmp;
    }
    return collator.compare(a.org.name, b.org.name);
  });
}

/** One row per child org, a column per indicator: its filled share, coloured red → green. */
export function ChildrenTable({ items }: { items: CompletenessChild[] }) {
  const [sort, setSort] = useState<Sort>({ key: 'name', dir: 'asc' });
  const rows = useMemo(() => sortChildren(items, sort), [items, sort]);

  // A new column starts ascending: for a share that puts the least filled on top.
  const onSort = (key: SortKey) =>
    setSort((current) =>
      current.key === key
        ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' }
        : { key, dir: 'asc' },
    );

  const head = (key: SortKey, short: string, full: string, rowSpan?: number) => (
    <SortHeader
      key={key}
      sortKey={key}
      short={short}
      full={full}
      sort={sort}
      onSort={onSort}
      rowSpan={rowSpan}
    />
  );

  return (
    // Wider than a phone: scrolls sideways; tabbing to a header or a name scrolls it into view.
    <div className={classes.scroller}>
      <table className={classes.table} aria-label="Заполненность по подчинённым организациям">
        <thead>
          <tr>
            <th rowSpan={2} className={classes.nameCell} aria-sort={ariaSort(sort, 'name')}>
              <SortButton sortKey="name" sort={sort} onSort={onSort}>
                Организация
              </SortButton>
            </th>
            {head('orgs', 'ПО', 'Действующих первичных организаций', 2)}
            {head('members', 'Членов', 'Членов Профсоюза на учёте', 2)}
            <th colSpan={orgIndicators.length} className={classes.groupHead}>
              {ORGS_GROUP}
            </th>
            <th colSpan={memberIndicators.length} className={classes.groupHead}>
              {MEMBERS_GROUP}
            </th>
          </tr>
          <tr>
            {[...orgIndicators, ...memberIndicators].map((key) =>
              head(key, shortLabels[key], indicatorLabels[key]),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((child) => (
            <ChildRow key={child.org.id} child={child} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ChildRow({ child }: { child: CompletenessChild }) {
  return (
    <tr data-org-id={child.org.id}>
      <th scope="row" className={classes.nameCell}>
        <Anchor component={Link} to={dashboardUrl(child.org.id)} size="sm">
          {child.org.name}
        </Anchor>
      </th>
      <td className={classes.shareCell}>{formatCount(child.orgs.total)}</td>
      <td className={classes.shareCell}>{formatCount(child.members.total)}</td>
      {[...orgIndicators, ...memberIndicators].map((key) => {
        const share = filledShare(child, key);
        if (share === null) {
          return (
            <td key={key} className={classes.empty} data-indicator={key}>
              —
            </td>
          );
        }
        return (
          <td
            key={key}
            className={classes.shareCell}
            style={{ background: shareColor(share) }}
            data-indicator={key}
            title={indicatorLabels[key]}
          >
            {formatShare(share)}
          </td>
        );
      })}
    </tr>
  );
}

const ariaSort = (sort: Sort, key: SortKey) =>
  sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';

interface SortButtonProps {
  sortKey: SortKey;
  sort: Sort;
  onSort: (key: SortKey) => void;
  children: ReactNode;
}

function SortButton({ sortKey, sort, onSort, children }: SortButtonProps) {
  const arrow = sort.key === sortKey ? (sort.dir === 'asc' ? '↑' : '↓') : '';
  return (
    <button type="button" className={classes.sortButton} onClick={() => onSort(sortKey)}>
      {children}
      <span aria-hidden>{arrow}</span>
    </button>
  );
}

interface SortHeaderProps {
  sortKey: SortKey;
  short: string;
  full: string;
  sort: Sort;
  onSort: (key: SortKey) => void;
  rowSpan?: number | undefined;
}

/** A short header with the full label as its tooltip; a tap sorts by it. */
function SortHeader({ sortKey, short, full, sort, onSort, rowSpan }: SortHeaderProps) {
  return (
    <th rowSpan={rowSpan} aria-sort={ariaSort(sort, sortKey)} title={full}>
      <SortButton sortKey={sortKey} sort={sort} onSort={onSort}>
        <abbr title={full}>{short}</abbr>
      </SortButton>
    </th>
  );
}
