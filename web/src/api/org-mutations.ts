import type { Org, OrgLevel } from '@profreestr/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from './client';
import { COMPLETENESS_KEY } from './completeness';
import { orgKey } from './orgs';

/** A PATCH body: the passport fields of one tab (nested objects merge on the server). */
export type OrgPatchBody = Record<string, unknown>;

export interface OrgCreateBody {
  code: string;
  parentId: string;
  level: OrgLevel;
  name: string;
  shortName?: string | null;
}

/** Everything about orgs may be stale after a structural change: trees, counts, searches. */
function useRefreshAll() {
  const queryClient = useQueryClient();
  return (org?: Org) => {
    if (org) queryClient.setQueryData(orgKey(org.id), org);
    void queryClient.invalidateQueries({ queryKey: ['orgs'] });
    void queryClient.invalidateQueries({ queryKey: ['org-search'] });
    void queryClient.invalidateQueries({ queryKey: COMPLETENESS_KEY, refetchType: 'none' });
  };
}

/** A change of the passport made from `version`: a passport changed meanwhile is refused (412). */
export function useUpdateOrg(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, version }: { body: OrgPatchBody; version: number }) =>
      api<Org>(`/orgs/${id}`, { method: 'PATCH', body, headers: ifMatch(version) }),
    onSuccess: (org) => {
      queryClient.setQueryData(orgKey(id), org);
      void queryClient.invalidateQueries({ queryKey: ['orgs', id, 'history'] });
      void queryClient.invalidateQueries({ queryKey: ['orgs', id, 'ancestors'] });
      if (org.parentId) {
        void queryClient.invalidateQueries({ queryKey: ['orgs', org.parentId, 'children'] });
      }
      void queryClient.invalidateQueries({ queryKey: ['org-search'] });
      // What is left to fill changes with the passport: refetched when next shown.
      void queryClient.invalidateQueries({ queryKey: COMPLETENESS_KEY, refetchType: 'none' });
    },
  });
}

export function useCreateOrg() {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: (body: OrgCreateBody) => api<Org>('/orgs', { method: 'POST', body }),
    onSuccess: (org) => refresh(org),
  });
}

export function useMoveOrg(id: string) {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: (parentId: string) =>
      api<Org>(`/orgs/${id}/move`, { method: 'POST', body: { parentId } }),
    onSuccess: (org) => refresh(org),
  });
}

export function useMergeOrg(id: string) {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: (body: { intoId: string; on?: string }) =>
      api<Org>(`/orgs/${id}/merge`, { method: 'POST', body }),
    // The answer is the target; the source changed too (now liquidated).
    onSuccess: (target) => refresh(target),
  });
}

export function useLiquidateOrg(id: string) {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: (body: { on: string; note?: string }) =>
      api<Org>(`/orgs/${id}/liquidate`, { method: 'POST', body }),
    onSuccess: (org) => refresh(org),
  });
}
