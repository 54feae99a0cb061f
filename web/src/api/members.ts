import type {
  DuplicateGroup,
  DuplicateKind,
  Member,
  MemberCategory,
  MemberHistory,
  MemberIndicator,
  MemberListPage,
  MemberSort,
  MemberStatus,
} from '@profreestr/contracts';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { isOrgId, type Page } from './orgs';

export type {
  DuplicateGroup,
  DuplicateKind,
  MemberChange,
  MemberListItem,
  MemberListTotal,
  MemberSort,
  RegistrationPeriod,
} from '@profreestr/contracts';

export type MemberHistoryPage = MemberHistory;

export const MEMBER_PAGE_SIZE = 50;
export const MEMBER_HISTORY_PAGE_SIZE = 20;
export const DUPLICATES_PAGE_SIZE = 20;

/** Member ids are decimal strings, like org ids. */
export const isMemberId = isOrgId;

export const memberKey = (id: string) => ['members', id] as const;
export const MEMBER_LISTS_KEY = ['members', 'list'] as const;
export const DUPLICATES_KEY = ['members', 'duplicates'] as const;

export const useMember = (id: string) =>
  useQuery({
    queryKey: memberKey(id),
    queryFn: ({ signal }) => api<Member>(`/members/${id}`, { signal }),
  });

export interface MemberListParams {
  /** Members of one org (the passport tab) … */
  orgId?: string | undefined;
  /** … or of a whole subtree (the members page). */
  under?: string | undefined;
  q?: string | undefined;
  status?: MemberStatus | undefined;
  category?: MemberCategory | undefined;
  /** Only members lacking this field. */
  missing?: MemberIndicator | undefined;
  /** By name unless given. */
  sort?: MemberSort | undefined;
}

function listQuery(params: MemberListParams, limit: number, cursor: string | null) {
  const query = new URLSearchParams({ limit: String(limit) });
  for (const key of ['orgId', 'under', 'q', 'status', 'category', 'missing', 'sort'] as const) {
    const value = params[key];
    if (value) query.set(key, value);
  }
  if (cursor) query.set('cursor', cursor);
  return query;
}

export const useMemberList = (params: MemberListParams) =>
  useInfiniteQuery({
    queryKey: [...MEMBER_LISTS_KEY, params],
    // Typing and filtering refine the list in place instead of flashing a loader.
    placeholderData: keepPreviousData,
    initialPageParam: null as string | null,
    getNextPageParam: (last: MemberListPage) => last.nextCursor,
    // Each page carries its rows' org names (and the first one the count): one request a page.
    queryFn: ({ pageParam, signal }) =>
      api<MemberListPage>(`/members?${listQuery(params, MEMBER_PAGE_SIZE, pageParam)}`, {
        signal,
      }),
  });

export const useMemberHistory = (id: string) =>
  useInfiniteQuery({
    queryKey: [...memberKey(id), 'history'],
    initialPageParam: null as string | null,
    getNextPageParam: (last: MemberHistoryPage) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(MEMBER_HISTORY_PAGE_SIZE) });
      if (pageParam) query.set('cursor', pageParam);
      return api<MemberHistoryPage>(`/members/${id}/history?${query}`, { signal });
    },
  });

/** `duplicate`: one name and birth date on several records; `candidate`: a record without a
 * birth date whose name others hold (listed apart). */
export const useDuplicates = (under: string, kind: DuplicateKind = 'duplicate') =>
  useInfiniteQuery({
    queryKey: [...DUPLICATES_KEY, under, kind],
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<DuplicateGroup>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ under, kind, limit: String(DUPLICATES_PAGE_SIZE) });
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<DuplicateGroup>>(`/members/duplicates?${query}`, { signal });
    },
  });
