import type {
  Org,
  OrgLevel,
  OrgSearchItem,
  OrgStatus,
  TransferTarget,
} from '@profreestr/contracts';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Ancestor {
  id: string;
  name: string;
  level: OrgLevel;
}

export const CHILDREN_PAGE_SIZE = 50;
export const SEARCH_PAGE_SIZE = 20;
const ID_PATTERN = /^[1-9][0-9]{0,18}$/;

/** Ids are decimal strings; anything else cannot be an organization. */
export const isOrgId = (id: string | undefined): id is string => !!id && ID_PATTERN.test(id);

export const orgKey = (id: string) => ['orgs', id] as const;

export const useOrg = (id: string) =>
  useQuery({
    queryKey: orgKey(id),
    enabled: isOrgId(id),
    queryFn: ({ signal }) => api<Org>(`/orgs/${id}`, { signal }),
  });

export const useOrgAncestors = (id: string) =>
  useQuery({
    queryKey: ['orgs', id, 'ancestors'],
    queryFn: ({ signal }) => api<{ items: Ancestor[] }>(`/orgs/${id}/ancestors`, { signal }),
  });

export const useOrgChildren = (id: string, enabled = true) =>
  useInfiniteQuery({
    queryKey: ['orgs', id, 'children'],
    enabled,
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<Org>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(CHILDREN_PAGE_SIZE) });
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<Org>>(`/orgs/${id}/children?${query}`, { signal });
    },
  });

export interface OrgSearchParams {
  q: string;
  under?: string | undefined;
  level?: OrgLevel | undefined;
  status?: OrgStatus | undefined;
}

/** Search by name words, code or INN; `enabled` only once the query is long enough. */
export const useOrgSearch = (params: OrgSearchParams, enabled: boolean) =>
  useInfiniteQuery({
    queryKey: ['org-search', params],
    enabled,
    // Typing refines the list in place instead of flashing a loader on every keystroke.
    placeholderData: keepPreviousData,
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<OrgSearchItem>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ q: params.q, limit: String(SEARCH_PAGE_SIZE) });
      if (params.under) query.set('under', params.under);
      if (params.level) query.set('level', params.level);
      if (params.status) query.set('status', params.status);
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<OrgSearchItem>>(`/orgs?${query}`, { signal });
    },
  });

/** Active primaries anywhere in the union a member can be transferred to (names only). */
export const useTransferTargets = (q: string, enabled: boolean) =>
  useInfiniteQuery({
    queryKey: ['transfer-targets', q],
    enabled,
    placeholderData: keepPreviousData,
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<TransferTarget>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ q, limit: String(SEARCH_PAGE_SIZE) });
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<TransferTarget>>(`/orgs/transfer-targets?${query}`, { signal });
    },
  });
