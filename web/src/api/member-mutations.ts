import type { DeregisterReason, Member, MemberCategory } from '@profreestr/contracts';
import { type InfiniteData, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from './client';
import { COMPLETENESS_KEY } from './completeness';
import { DUPLICATES_KEY, MEMBER_LISTS_KEY, memberKey } from './members';
import { orgKey, type Page } from './orgs';

export interface MemberCreateBody {
  orgId: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  birthDate?: string;
  sex?: NonNullable<Member['sex']>;
  category?: MemberCategory;
  cardNumber?: string;
}

/** A PATCH body: card fields (nested objects are sent whole). */
export type MemberPatchBody = Record<string, unknown>;

export interface DeregisterBody {
  on: string;
  reason: DeregisterReason;
  note?: string;
}

/** Everything a changed member shows up in: the card, lists, history, duplicates, org counts. */
function useRefresh() {
  const queryClient = useQueryClient();
  return (member: Member, countsOf: (string | undefined)[] = []) => {
    queryClient.setQueryData(memberKey(member.id), member);
    // Loaded lists show the change at once (a status badge), then refetch in the background.
    queryClient.setQueriesData<InfiniteData<Page<Member>>>(
      { queryKey: MEMBER_LISTS_KEY },
      (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                items: page.items.map((item) => (item.id === member.id ? member : item)),
              })),
            }
          : data,
    );
    void queryClient.invalidateQueries({ queryKey: MEMBER_LISTS_KEY });
    void queryClient.invalidateQueries({ queryKey: [...memberKey(member.id), 'history'] });
    void queryClient.invalidateQueries({ queryKey: DUPLICATES_KEY });
    // Filled-in shares and the short passport's figures follow the cards: refetched when shown.
    void queryClient.invalidateQueries({ queryKey: COMPLETENESS_KEY, refetchType: 'none' });
    if (countsOf.length === 0) return;
    // Member counts: the orgs on screen now; every other org (ancestors, trees) when next shown.
    for (const orgId of new Set(countsOf)) {
      if (orgId) void queryClient.invalidateQueries({ queryKey: orgKey(orgId), exact: true });
    }
    void queryClient.invalidateQueries({ queryKey: ['orgs'], refetchType: 'none' });
    void queryClient.invalidateQueries({ queryKey: ['org-search'], refetchType: 'none' });
  };
}

export function useCreateMember() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: MemberCreateBody) => api<Member>('/members', { method: 'POST', body }),
    onSuccess: (member) => refresh(member, [member.orgId]),
  });
}

/** A change of the card made from `version`: a card changed meanwhile is refused with 412. */
export function useUpdateMember(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ body, version }: { body: MemberPatchBody; version: number }) =>
      api<Member>(`/members/${id}`, { method: 'PATCH', body, headers: ifMatch(version) }),
    onSuccess: (member) => refresh(member),
  });
}

export function useDeregisterMember(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: DeregisterBody) =>
      api<Member>(`/members/${id}/deregister`, { method: 'POST', body }),
    onSuccess: (member) => refresh(member, [member.orgId]),
  });
}

export function useTransferMember(member: Member) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { toOrgId: string; on: string }) =>
      api<Member>(`/members/${member.id}/transfer`, { method: 'POST', body }),
    onSuccess: (moved) => refresh(moved, [member.orgId, moved.orgId]),
  });
}

export function useReadmitMember(member: Member) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { on: string; orgId?: string }) =>
      api<Member>(`/members/${member.id}/readmit`, { method: 'POST', body }),
    onSuccess: (back) => refresh(back, [member.orgId, back.orgId]),
  });
}

/** Two cards of one person become one: `keptId` stays (its card number too), `duplicateId` leaves. */
export function useMergeMembers() {
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { keptId: string; duplicateId: string; duplicateOrgId: string }) =>
      api<Member>(`/members/${input.keptId}/merge`, {
        method: 'POST',
        body: { duplicateId: input.duplicateId },
      }),
    onSuccess: (kept, input) => {
      queryClient.removeQueries({ queryKey: memberKey(input.duplicateId) });
      refresh(kept, [kept.orgId, input.duplicateOrgId]);
    },
  });
}

/** «Не дубль»: the records are different people; their group hides until a new one joins. */
export function useMarkDistinct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (memberIds: string[]) =>
      api<void>('/members/duplicates/dismiss', { method: 'POST', body: { memberIds } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: DUPLICATES_KEY }),
  });
}

/** «Перевести сюда» from the registration form: the member on record elsewhere moves here. */
export function useTransferHere() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: { memberId: string; fromOrgId: string; toOrgId: string; on: string }) =>
      api<Member>(`/members/${input.memberId}/transfer`, {
        method: 'POST',
        body: { toOrgId: input.toOrgId, on: input.on },
      }),
    onSuccess: (moved, input) => refresh(moved, [input.fromOrgId, moved.orgId]),
  });
}
