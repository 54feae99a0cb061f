import type {
  User,
  UserAccount,
  UserCreate,
  UserPasswordReset,
  UserUpdate,
} from '@profreestr/contracts';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from './client';
import type { Page } from './orgs';

// User management: admins list, search and change users of their subtree; editors only add
// colleagues (never above their own role).

export const USERS_PAGE_SIZE = 50;

const USERS_KEY = ['users'] as const;

/** Users of the caller's subtree, or of `under`'s, ordered by login; `q`: login or name. */
export const useUsers = (under: string | undefined, q = '') =>
  useInfiniteQuery({
    queryKey: [...USERS_KEY, { under, q }],
    // A new search refines the list in place instead of flashing a loader.
    placeholderData: keepPreviousData,
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<UserAccount>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(USERS_PAGE_SIZE) });
      if (under) query.set('under', under);
      if (q) query.set('q', q);
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<UserAccount>>(`/users?${query}`, { signal });
    },
  });

function useRefreshUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: USERS_KEY });
}

export function useCreateUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: (body: UserCreate) =>
      api<{ user: User }>('/users', { method: 'POST', body }).then((r) => r.user),
    onSuccess: () => void refresh(),
  });
}

/** Admins: role, name, access, org. A new role or org, or disabling, ends the user's
 * sessions. */
export function useUpdateUser(id: string) {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: (body: UserUpdate) =>
      api<{ user: UserAccount }>(`/users/${id}`, { method: 'PATCH', body }).then((r) => r.user),
    onSuccess: () => void refresh(),
  });
}

/** Admins: a new password for a user (a forgotten one); the user's sessions end. */
export function useResetUserPassword(id: string) {
  return useMutation({
    mutationFn: (body: UserPasswordReset) =>
      api<void>(`/users/${id}/password`, { method: 'POST', body }),
  });
}

/** Admins: takes the second factor off (a lost phone); the user's sessions end. */
export function useResetUserMfa(id: string) {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: () => api<void>(`/users/${id}/mfa`, { method: 'DELETE' }),
    onSuccess: () => void refresh(),
  });
}
