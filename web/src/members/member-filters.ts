import {
  type MemberCategory,
  type MemberIndicator,
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

export interface MemberFilters {
  q: string;
  /** A status or `all`. */
  status: string;
  /** A category or '' for all. */
  category: string;
  /** A member field the members lack (the completeness drill-down), or ''. */
  missing: MemberIndicator | '';
}

export const MISSING_PARAM = 'missing';

const readMissing = (value: string | null): MemberIndicator | '' =>
  (memberIndicators as readonly string[]).includes(value ?? '') ? (value as MemberIndicator) : '';

/** The list's filters as the URL holds them (`q`, `status`, `category`, `missing`). */
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
  };
}

/** The query of `GET /members` (and of its export) for a scope and the filters. */
export const memberListParams = (
  scope: { orgId: string } | { under: string },
  filters: MemberFilters,
): MemberListParams => ({
  ...scope,
  q: filters.q || undefined,
  status: filters.status === 'all' ? undefined : (filters.status as MemberStatus),
  category: (filters.category || undefined) as MemberCategory | undefined,
  missing: filters.missing || undefined,
});
