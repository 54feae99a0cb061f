import type {
  Mailing,
  MailingCreate,
  MailingListItem,
  MailingRecipient,
  MailingRecipientStatus,
} from '@profreestr/contracts';
import {
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api, isApiError } from './client';
import type { Page } from './orgs';

// Mailings to the chairmen or members of a subtree: the list, a draft (its audience counted
// live), sending with its progress, the recipients one by one; and the two public links of a
// letter (unsubscribing, confirming an address), asked without a session.

export const MAILINGS_PAGE_SIZE = 20;
export const RECIPIENTS_PAGE_SIZE = 50;
/** How often a mailing being sent is asked again. */
export const MAILING_POLL_MS = 2000;

const MAILINGS_KEY = ['mailings'] as const;
const MAILING_LISTS_KEY = [...MAILINGS_KEY, 'list'] as const;
export const mailingKey = (id: string) => [...MAILINGS_KEY, 'one', id] as const;
const recipientsKey = (id: string) => [...MAILINGS_KEY, 'recipients', id] as const;

export const isMailingSending = (mailing: Pick<Mailing, 'status'> | undefined) =>
  mailing?.status === 'sending';

/** Mailings of the caller's subtree, newest first. */
export const useMailings = () =>
  useInfiniteQuery({
    queryKey: MAILING_LISTS_KEY,
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<MailingListItem>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(MAILINGS_PAGE_SIZE) });
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<MailingListItem>>(`/mailings?${query}`, { signal });
    },
  });

/**
 * One mailing. A draft's audience is counted anew on every ask (it is never taken from the
 * cache as fresh); one being sent is asked every 2 s until it is sent.
 */
export function useMailing(id: string) {
  const query = useQuery({
    queryKey: mailingKey(id),
    queryFn: ({ signal }) => api<Mailing>(`/mailings/${id}`, { signal }),
    staleTime: (q) => (q.state.data?.status === 'draft' ? 0 : 30_000),
    refetchInterval: (q) => (isMailingSending(q.state.data) ? MAILING_POLL_MS : false),
  });
  useRefreshOnSent(id, query.data);
  return query;
}

/** The list and the recipients are stale once a mailing starts or finishes sending. */
function refreshAround(queryClient: QueryClient, id: string) {
  void queryClient.invalidateQueries({ queryKey: MAILING_LISTS_KEY });
  void queryClient.invalidateQueries({ queryKey: recipientsKey(id) });
}

/** Once a watched mailing is sent, its recipients' list shows how the letters went. */
function useRefreshOnSent(id: string, mailing: Mailing | undefined) {
  const queryClient = useQueryClient();
  const wasSending = useRef(false);
  const sending = isMailingSending(mailing);
  useEffect(() => {
    if (wasSending.current && !sending) refreshAround(queryClient, id);
    wasSending.current = sending;
  }, [sending, queryClient, id]);
}

/** A draft: the server counts its audience; its page then offers «Отправить». */
export function useCreateMailing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MailingCreate) => api<Mailing>('/mailings', { method: 'POST', body }),
    onSuccess: (mailing) => {
      queryClient.setQueryData(mailingKey(mailing.id), mailing);
      void queryClient.invalidateQueries({ queryKey: MAILING_LISTS_KEY });
    },
  });
}

/** Sends a draft (202: writing the letters begins); 409 when it was sent already. */
export function useSendMailing(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<Mailing>(`/mailings/${id}/send`, { method: 'POST' }),
    onSuccess: (mailing) => {
      queryClient.setQueryData(mailingKey(id), mailing);
      refreshAround(queryClient, id);
    },
    // Someone else sent it meanwhile: show how it is now.
    onError: (error) => {
      if (isApiError(error, 409)) {
        void queryClient.invalidateQueries({ queryKey: mailingKey(id) });
        refreshAround(queryClient, id);
      }
    },
  });
}

/**
 * The recipients and how their letters went, by `status` or all. Not polled: every read of
 * these addresses is on the audit record; the list is asked again when sending ends, or on
 * «Обновить».
 */
export const useMailingRecipients = (id: string, status: MailingRecipientStatus | undefined) =>
  useInfiniteQuery({
    queryKey: [...recipientsKey(id), status ?? 'all'],
    // Another filter refines the list in place instead of flashing a loader.
    placeholderData: keepPreviousData,
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<MailingRecipient>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(RECIPIENTS_PAGE_SIZE) });
      if (status) query.set('status', status);
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<MailingRecipient>>(`/mailings/${id}/recipients?${query}`, { signal });
    },
  });

// ---- Public: the links of a letter, without a session ----

/**
 * `POST /unsubscribe?token=…`: no more mailings to the address the letter came to. Only on the
 * reader's press: mail scanners open links, and opening one must not unsubscribe anybody.
 */
export const useUnsubscribe = () =>
  useMutation({
    mutationFn: (token: string) =>
      api<{ unsubscribed: true }>(`/unsubscribe?${new URLSearchParams({ token })}`, {
        method: 'POST',
      }),
  });

/** `POST /email/confirm`: the address a confirmation letter went to is the member's. */
export const useConfirmEmail = () =>
  useMutation({
    mutationFn: (token: string) =>
      api<{ confirmed: true }>('/email/confirm', { method: 'POST', body: { token } }),
  });
