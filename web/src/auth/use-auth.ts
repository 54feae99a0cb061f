import type { LoginRequest, LoginResponse, MeResponse, User } from '@profreestr/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../api/client';
import { meQueryKey } from '../api/query-client';

/** The current user, or null when there is no session (401 from /auth/me). */
async function fetchMe(signal: AbortSignal): Promise<User | null> {
  try {
    return (await api<MeResponse>('/auth/me', { signal })).user;
  } catch (error) {
    if (isApiError(error, 401)) return null;
    throw error;
  }
}

/** Starts the app for a signed-in user: the previous user's data (an expired session) goes. */
export function useStartSession() {
  const queryClient = useQueryClient();
  return (user: User) => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
    queryClient.setQueryData(meQueryKey, user);
  };
}

export function useAuth() {
  const queryClient = useQueryClient();
  const startSession = useStartSession();
  const me = useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

  // With `mfa` the session waits for the second factor: the user is not signed in yet.
  const login = useMutation({
    mutationFn: (credentials: LoginRequest) =>
      api<LoginResponse>('/auth/login', { method: 'POST', body: credentials }),
    onSuccess: ({ user, mfa }) => {
      if (mfa) queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      else startSession(user);
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
