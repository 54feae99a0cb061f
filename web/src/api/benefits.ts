import type { Benefit, BenefitCreate, BenefitPatch } from '@profreestr/contracts';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Page } from './orgs';

// The benefits catalogue of additional social support (API.md, «Additional social support»):
// what the orgs of the caller's subtree offer to their members, kept by the editors.

export const BENEFITS_PAGE_SIZE = 30;

const BENEFITS_KEY = ['benefits'] as const;

/** `GET /benefits?under=`: the subtree's benefits, newest first, ended ones too. */
export const useBenefits = (under?: string) =>
  useInfiniteQuery({
    queryKey: [...BENEFITS_KEY, 'list', under ?? ''],
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<Benefit>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(BENEFITS_PAGE_SIZE) });
      if (under) query.set('under', under);
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<Benefit>>(`/benefits?${query}`, { signal });
    },
  });

/** After any change the lists are asked again (a benefit moves between pages only by id). */
function useRefreshBenefits() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: BENEFITS_KEY });
}

/** `POST /benefits` → `201` the benefit. */
export function useCreateBenefit() {
  const refresh = useRefreshBenefits();
  return useMutation({
    mutationFn: (body: BenefitCreate) => api<Benefit>('/benefits', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

/** `PATCH /benefits/:id`: the fields sent change; the offering org never does. */
export function useChangeBenefit(id: string) {
  const refresh = useRefreshBenefits();
  return useMutation({
    mutationFn: (body: BenefitPatch) => api<Benefit>(`/benefits/${id}`, { method: 'PATCH', body }),
    onSuccess: refresh,
  });
}

/** `POST /benefits/:id/end`: offered through today and no longer (409 when it cannot end). */
export function useEndBenefit() {
  const refresh = useRefreshBenefits();
  return useMutation({
    mutationFn: (id: string) => api<Benefit>(`/benefits/${id}/end`, { method: 'POST' }),
    onSettled: refresh,
  });
}
