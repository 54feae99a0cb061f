import type { DeregisterReason, Member, MemberCategory } from '@profreestr/contracts';
import { type InfiniteData, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
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

export function useUpdateMember(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: MemberPatchBody) => api<Member>(`/members/${id}`, { method: 'PATCH', body }),
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
