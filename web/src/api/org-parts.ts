import type { Activist, OrgChange, OrgEvent, StaffMember } from '@profreestr/contracts';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Page } from './orgs';

/** The passport's lists, each under `/orgs/:id/<kind>`. */
export type PartKind = 'activists' | 'staff' | 'events';
export interface PartItems {
  activists: Activist;
  staff: StaffMember;
  events: OrgEvent;
}
export type PartItem = PartItems[PartKind];

export const PART_PAGE_SIZE = 50;
export const HISTORY_PAGE_SIZE = 20;

const pageQuery = (limit: number, cursor: string | null) => {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return query;
};

export const usePartList = <K extends PartKind>(orgId: string, kind: K) =>
  useInfiniteQuery({
    queryKey: ['orgs', orgId, kind],
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<PartItems[K]>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) =>
      api<Page<PartItems[K]>>(`/orgs/${orgId}/${kind}?${pageQuery(PART_PAGE_SIZE, pageParam)}`, {
        signal,
      }),
  });

type SaveArgs = { partId: string | null; body: Record<string, unknown> };

export function usePartMutations(orgId: string, kind: PartKind) {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['orgs', orgId, kind] });
    void queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'history'] });
  };
  const base = `/orgs/${orgId}/${kind}`;
  const save = useMutation({
    mutationFn: ({ partId, body }: SaveArgs) =>
      partId
        ? api<PartItem>(`${base}/${partId}`, { method: 'PATCH', body })
        : api<PartItem>(base, { method: 'POST', body }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (partId: string) => api<void>(`${base}/${partId}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
  return { save, remove };
}

export const useOrgHistory = (orgId: string) =>
  useInfiniteQuery({
    queryKey: ['orgs', orgId, 'history'],
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<OrgChange>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) =>
      api<Page<OrgChange>>(`/orgs/${orgId}/history?${pageQuery(HISTORY_PAGE_SIZE, pageParam)}`, {
        signal,
      }),
  });
