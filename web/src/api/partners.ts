import type { CreatePartnerInput, Partner, Purchase } from '@profreestr/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Page } from './orgs';

// PROFCARDS partners (the centre's admins): the list, a partner's rates and API key, its
// purchases. A new or rotated key comes back once, in the answer, and is never asked again.

export const PURCHASES_PAGE_SIZE = 30;

const PARTNERS_KEY = ['partners'] as const;
const partnerKey = (id: string) => [...PARTNERS_KEY, 'one', id] as const;

/** A partner with the key just made: shown this once. */
export interface PartnerWithKey {
  partner: Partner;
  apiKey: string;
}

export const usePartners = () =>
  useQuery({
    queryKey: [...PARTNERS_KEY, 'list'],
    queryFn: ({ signal }) => api<{ items: Partner[] }>('/partners', { signal }),
  });

export const usePartner = (id: string) =>
  useQuery({
    queryKey: partnerKey(id),
    queryFn: ({ signal }) => api<Partner>(`/partners/${id}`, { signal }),
  });

/** The partner's purchases, newest first; the card numbers come masked. */
export const usePartnerPurchases = (id: string) =>
  useInfiniteQuery({
    queryKey: [...partnerKey(id), 'purchases'],
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<Purchase>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(PURCHASES_PAGE_SIZE) });
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<Purchase>>(`/partners/${id}/purchases?${query}`, { signal });
    },
  });

/** A changed partner: into the cache at once, the list asked again. */
function useKeepPartner() {
  const queryClient = useQueryClient();
  return (partner: Partner) => {
    queryClient.setQueryData(partnerKey(partner.id), partner);
    void queryClient.invalidateQueries({ queryKey: [...PARTNERS_KEY, 'list'] });
  };
}

/** `POST /partners { name, cashbackPercent }` → `201 { partner, apiKey }`. */
export function useCreatePartner() {
  const keep = useKeepPartner();
  return useMutation({
    mutationFn: (body: CreatePartnerInput) =>
      api<PartnerWithKey>('/partners', { method: 'POST', body }),
    onSuccess: ({ partner }) => keep(partner),
  });
}

/** `POST /partners/:id/rates { cashbackPercent, from? }`. */
export function useChangeRate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { cashbackPercent: number; from?: string }) =>
      api<unknown>(`/partners/${id}/rates`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PARTNERS_KEY }),
  });
}

/** `POST /partners/:id/key`: a new key; the old one stops working. */
export function useRotateKey(id: string) {
  const keep = useKeepPartner();
  return useMutation({
    mutationFn: () => api<PartnerWithKey>(`/partners/${id}/key`, { method: 'POST' }),
    onSuccess: ({ partner }) => keep(partner),
  });
}

/** `DELETE /partners/:id/key`: the partner is left without a key. */
export function useRevokeKey(id: string) {
  const keep = useKeepPartner();
  return useMutation({
    mutationFn: () => api<Partner>(`/partners/${id}/key`, { method: 'DELETE' }),
    onSuccess: (partner) => keep(partner),
  });
}
