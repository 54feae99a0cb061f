import type { LoginRequest, User } from '@profreestr/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../api/client';
import { meQueryKey } from '../api/query-client';

/** The current user, or null when there is no session (401 from /auth/me). */
async function fetchMe(signal: AbortSignal): Promise<User | null> {
  try {
    return (await api<{ user: User }>('/auth/me', { signal })).user;
  } catch (error) {
    if (isApiError(error, 401)) return null;
    throw error;
  }
}

export function useAuth() {
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

  const login = useMutation({
    mutationFn: (credentials: LoginRequest) =>
      api<{ user: User }>('/auth/login', { method: 'POST', body: credentials }),
    onSuccess: ({ user }) => {
      // After an expired session someone else may sign in: drop the previous user's data.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, user);
    },
  });

  const logout = useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    // Leave even if the server call failed. A full page load drops everything the previous
    // user saw from memory (important on shared computers) and starts /login afresh.
    onSettled: () => window.location.replace('/login'),
  });

  return { user: me.data ?? null, me, login, logout };
}
