import type { Letter, LetterDetail, LetterQuery } from '@profreestr/contracts';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, isApiError } from './client';
import type { Page } from './orgs';

// The outbox (admins): letters about the caller's subtree, one letter as it went out, and a
// failed or bounced one sent again.

export const MAIL_PAGE_SIZE = 50;

/** The filters of `GET /mail/messages`; paging is the query's own. */
export type MailParams = Partial<Omit<LetterQuery, 'limit' | 'cursor'>>;

const MAIL_KEY = ['mail'] as const;
const MAIL_LISTS_KEY = [...MAIL_KEY, 'list'] as const;
export const letterKey = (id: string) => [...MAIL_KEY, 'letter', id] as const;

/** Letters about the caller's subtree, newest first. */
export const useLetters = (params: MailParams) =>
  useInfiniteQuery({
    queryKey: [...MAIL_LISTS_KEY, params],
    // New filters refine the list in place instead of flashing a loader.
    placeholderData: keepPreviousData,
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<Letter>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(MAIL_PAGE_SIZE) });
      for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<Letter>>(`/mail/messages?${query}`, { signal });
    },
  });

/** One letter with its bodies, attempts and last error. */
export const useLetter = (id: string) =>
  useQuery({
    queryKey: letterKey(id),
    queryFn: ({ signal }) => api<LetterDetail>(`/mail/messages/${id}`, { signal }),
  });

/** Puts a failed or bounced letter back in the queue (`mail:manage`); 409 for any other. */
export function useResendLetter(id: string) {
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: MAIL_LISTS_KEY });
    void queryClient.invalidateQueries({ queryKey: letterKey(id) });
  };
  return useMutation({
    mutationFn: () => api<LetterDetail>(`/mail/messages/${id}/resend`, { method: 'POST' }),
    onSuccess: (letter) => {
      queryClient.setQueryData(letterKey(id), letter);
      refresh();
    },
    // 409: someone else sent it again, or it went out meanwhile; show how it is now.
    onError: (error) => {
      if (isApiError(error, 409)) refresh();
    },
  });
}
