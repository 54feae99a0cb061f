import type { Org, OrgLevel } from '@profreestr/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
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
const ID_PATTERN = /^[1-9][0-9]{0,18}$/;

/** Ids are decimal strings; anything else cannot be an organization. */
export const isOrgId = (id: string | undefined): id is string => !!id && ID_PATTERN.test(id);

export const useOrg = (id: string) =>
  useQuery({
    queryKey: ['orgs', id],
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
