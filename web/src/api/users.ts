import type { Org, User, UserAccount, UserCreate, UserUpdate } from '@profreestr/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { orgKey, type Page } from './orgs';

// User management: editors list and create users of their subtree, admins also change them.

export const USERS_PAGE_SIZE = 50;

const USERS_KEY = ['users'] as const;

/** Users of the caller's subtree, or of `under`'s, ordered by login. */
export const useUsers = (under: string | undefined) =>
  useInfiniteQuery({
    queryKey: [...USERS_KEY, { under }],
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<UserAccount>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(USERS_PAGE_SIZE) });
      if (under) query.set('under', under);
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<UserAccount>>(`/users?${query}`, { signal });
    },
  });

/**
 * An org's passport only if it is already in the cache (the scope, one opened elsewhere): the
 * list asks for no names itself, the API has no call for many orgs at once.
 */
export const useCachedOrg = (id: string) =>
  useQuery({
    queryKey: orgKey(id),
    queryFn: ({ signal }) => api<Org>(`/orgs/${id}`, { signal }),
    enabled: false,
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

/** Admins: role, name, access. A new role or disabling ends the user's sessions. */
export function useUpdateUser(id: string) {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: (body: UserUpdate) =>
      api<{ user: User }>(`/users/${id}`, { method: 'PATCH', body }).then((r) => r.user),
    onSuccess: () => void refresh(),
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
