import type { AuditEntry, AuditQuery } from '@profreestr/contracts';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from './client';
import { memberKey } from './members';
import type { Page } from './orgs';

export const AUDIT_PAGE_SIZE = 50;

/** The filters of `GET /audit` (admins); paging is the query's own. */
export type AuditParams = Partial<Omit<AuditQuery, 'limit' | 'cursor'>>;

const AUDIT_KEY = ['audit'] as const;

function pageQuery(params: Record<string, string | undefined>, cursor: string | null) {
  const query = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) });
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  if (cursor) query.set('cursor', cursor);
  return query;
}

/** The audit log over the admin's subtree, newest first. */
export const useAuditLog = (params: AuditParams) =>
  useInfiniteQuery({
    queryKey: [...AUDIT_KEY, params],
    // New filters refine the list in place instead of flashing a loader.
    placeholderData: keepPreviousData,
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<AuditEntry>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) =>
      api<Page<AuditEntry>>(`/audit?${pageQuery(params, pageParam)}`, { signal }),
  });

/** Who viewed or changed one member's card (admins), newest first. */
export const useMemberAudit = (id: string) =>
  useInfiniteQuery({
    queryKey: [...memberKey(id), 'audit'],
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<AuditEntry>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) =>
      api<Page<AuditEntry>>(`/members/${id}/audit?${pageQuery({}, pageParam)}`, { signal }),
  });
