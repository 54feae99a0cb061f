import type { BlockCardInput, CardToIssue, MemberCards } from '@profreestr/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { memberKey } from './members';
import type { Page } from './orgs';

// The e-card's carriers on the member card and «Карты к выдаче» (API.md part 2, "E-card and the
// PROFCARDS bonus programme"). What the caller may do with a member's cards is the server's
// `allowed`, never worked out here.

export const CARDS_TO_ISSUE_PAGE_SIZE = 30;

export const memberCardsKey = (memberId: string) => [...memberKey(memberId), 'cards'] as const;
const TO_ISSUE_KEY = ['cards', 'to-issue'] as const;

/** `GET /members/:id/cards`: the number, the carriers, their history and what is allowed. */
export const useMemberCards = (memberId: string) =>
  useQuery({
    queryKey: memberCardsKey(memberId),
    queryFn: ({ signal }) => api<MemberCards>(`/members/${memberId}/cards`, { signal }),
  });

/** Delivered plastic cards of the caller's subtree (or of `under`), to hand over. */
export const useCardsToIssue = (under?: string) =>
  useInfiniteQuery({
    queryKey: [...TO_ISSUE_KEY, under ?? ''],
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<CardToIssue>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(CARDS_TO_ISSUE_PAGE_SIZE) });
      if (under) query.set('under', under);
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<CardToIssue>>(`/cards/to-issue?${query}`, { signal });
    },
  });

/** After a card changed: the member's cards and the list of cards to hand over. */
function useRefreshCards() {
  const queryClient = useQueryClient();
  return (memberId: string) => {
    void queryClient.invalidateQueries({ queryKey: memberCardsKey(memberId) });
    void queryClient.invalidateQueries({ queryKey: TO_ISSUE_KEY });
  };
}

/** `POST /members/:id/cards/:cardId/issue`: a delivered plastic card handed to the member. */
export function useIssueCard() {
  const refresh = useRefreshCards();
  return useMutation({
    mutationFn: ({ memberId, cardId }: { memberId: string; cardId: string }) =>
      api<unknown>(`/members/${memberId}/cards/${cardId}/issue`, { method: 'POST' }),
    onSettled: (_data, _error, { memberId }) => refresh(memberId),
  });
}

/** `POST /members/:id/cards/:cardId/block { reason, reissue }`. */
export function useBlockCard(memberId: string) {
  const refresh = useRefreshCards();
  return useMutation({
    mutationFn: ({ cardId, ...body }: BlockCardInput & { cardId: string }) =>
      api<unknown>(`/members/${memberId}/cards/${cardId}/block`, { method: 'POST', body }),
    onSuccess: () => refresh(memberId),
  });
}
