import {
  type MemberCategory,
  type MemberIndicator,
  type MemberSort,
  type MemberStatus,
  memberCategories,
  memberCategoryLabels,
  memberIndicators,
} from '@profreestr/contracts';
import type { MemberListParams } from '../api/members';

export const STATUS_OPTIONS = [
  { value: 'active', label: 'На учёте' },
  { value: 'deregistered', label: 'Сняты с учёта' },
  { value: 'all', label: 'Все' },
];
export const DEFAULT_STATUS = 'active';

export const CATEGORY_OPTIONS = [
  { value: '', label: 'Все категории' },
  ...memberCategories.map((value) => ({ value, label: memberCategoryLabels[value] })),
];

/** Orders of the list (`?sort=`); the first is the default. */
export const SORT_OPTIONS: { value: MemberSort; label: string }[] = [
  { value: 'name', label: 'ФИО: от А до Я' },
  { value: '-name', label: 'ФИО: от Я до А' },
  { value: 'birthDate', label: 'Дата рождения: сначала старшие' },
  { value: '-birthDate', label: 'Дата рождения: сначала младшие' },
  { value: '-registeredOn', label: 'На учёте: сначала новые' },
  { value: 'registeredOn', label: 'На учёте: сначала давние' },
];
export const DEFAULT_SORT: MemberSort = 'name';

export interface MemberFilters {
  q: string;
  /** A status or `all`. */
  status: string;
  /** A category or '' for all. */
  category: string;
  /** A member field the members lack (the completeness drill-down), or ''. */
  missing: MemberIndicator | '';
  /** The list's order (members lacking a field are always listed by org). */
  sort: MemberSort;
  /** One primary of the scope (`?org=`), or ''. */
  org: string;
}

export const SORT_PARAM = 'sort';
export const ORG_PARAM = 'org';

const ID_PATTERN = /^[1-9][0-9]{0,18}$/;

export const MISSING_PARAM = 'missing';

const readMissing = (value: string | null): MemberIndicator | '' =>
  (memberIndicators as readonly string[]).includes(value ?? '') ? (value as MemberIndicator) : '';

/** The list's filters as the URL holds them (`q`, `status`, `category`, `missing`, `sort`, `org`). */
export function readMemberFilters(params: URLSearchParams): MemberFilters {
  // A hand-edited or outdated URL falls back to the defaults rather than to an API error.
  const status =
    STATUS_OPTIONS.find((o) => o.value === params.get('status'))?.value ?? DEFAULT_STATUS;
  const category = CATEGORY_OPTIONS.find((o) => o.value === params.get('category'))?.value ?? '';
  return {
    q: params.get('q') ?? '',
    status,
    category,
    missing: readMissing(params.get(MISSING_PARAM)),
    sort: SORT_OPTIONS.find((o) => o.value === params.get(SORT_PARAM))?.value ?? DEFAULT_SORT,
    org: ID_PATTERN.test(params.get(ORG_PARAM) ?? '') ? (params.get(ORG_PARAM) as string) : '',
  };
}

/** The query of `GET /members` (and of its export) for a scope and the filters. */
export const memberListParams = (
  scope: { orgId: string } | { under: string },
  filters: MemberFilters,
): MemberListParams => ({
  ...scope,
  // One primary of the scope narrows it further.
  ...(filters.org ? { orgId: filters.org } : {}),
  q: filters.q || undefined,
  status: filters.status === 'all' ? undefined : (filters.status as MemberStatus),
  category: (filters.category || undefined) as MemberCategory | undefined,
  missing: filters.missing || undefined,
  // Members lacking a field come in the order of their index (by org): no other sort.
  sort: filters.missing || filters.sort === DEFAULT_SORT ? undefined : filters.sort,
});
