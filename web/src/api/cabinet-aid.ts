import type { AidRequestCreate, Benefit, OwnAidRequest } from '@profreestr/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CABINET_KEY, cabinetApi } from './cabinet';
import type { Page } from './orgs';

// «Льготы и помощь» in the member's cabinet: what the member's org and its ancestors offer
// today, a request for one, and the member's own requests with their decisions.

export const OWN_AID_PAGE_SIZE = 20;

const benefitsKey = [...CABINET_KEY, 'benefits'] as const;
const ownAidKey = [...CABINET_KEY, 'aid-requests'] as const;

/** `GET /cabinet/benefits`: offered to the member today. */
export const useCabinetBenefits = () =>
  useQuery({
    queryKey: benefitsKey,
    queryFn: ({ signal }) => cabinetApi<{ items: Benefit[] }>('/benefits', { signal }),
  });

/** `GET /cabinet/aid-requests`: the member's own, newest first. */
export const useOwnAidRequests = () =>
  useInfiniteQuery({
    queryKey: ownAidKey,
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<OwnAidRequest>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(OWN_AID_PAGE_SIZE) });
      if (pageParam) query.set('cursor', pageParam);
      return cabinetApi<Page<OwnAidRequest>>(`/aid-requests?${query}`, { signal });
    },
  });

/** `POST /cabinet/aid-requests { benefitId, text, amount }` (roubles) → `201 { id, status }`. */
export function useRequestAid() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AidRequestCreate) =>
      cabinetApi<{ id: string; status: 'submitted' }>('/aid-requests', { method: 'POST', body }),
    // The new request shows in «Мои заявления» at once.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ownAidKey }),
  });
}
