import type { LoginRequest, LoginResponse, Role, StaffAction } from '@profreestr/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../api/client';
import { meQuery } from '../api/me';
import { meQueryKey } from '../api/query-client';

/** `/auth/me` as the app reads it: asked once per session, then refreshed only on purpose. */
const useMe = () => useQuery({ ...meQuery, staleTime: Number.POSITIVE_INFINITY });

/**
 * Starts the app for a signed-in user: the previous user's data (an expired session) goes, and
 * `/auth/me` is asked before the app opens, so no page shows without what the user may do.
 * A failed ask leaves the auth guard to show the error with «Повторить».
 */
export function useStartSession() {
  const queryClient = useQueryClient();
  return async () => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
    await queryClient.fetchQuery({ ...meQuery, staleTime: 0 }).catch(() => null);
  };
}

export function useAuth() {
  const queryClient = useQueryClient();
  const startSession = useStartSession();
  const me = useMe();

  // With `mfa` the session waits for the second factor: the user is not signed in yet. Without,
  // the login stays pending until `/auth/me` has answered.
  const login = useMutation({
    mutationFn: (credentials: LoginRequest) =>
      api<LoginResponse>('/auth/login', { method: 'POST', body: credentials }),
    onSuccess: async ({ mfa }) => {
      if (mfa) queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      else await startSession();
    },
  });

  const logout = useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    // Leave even if the server call failed. A full page load drops everything the previous
    // user saw from memory (important on shared computers) and starts /login afresh.
    onSettled: () => window.location.replace('/login'),
  });

  return { user: me.data?.user ?? null, me, login, logout };
}

const NO_ACTIONS: readonly StaffAction[] = [];
const NO_ROLES: readonly Role[] = [];

/**
 * Whether the signed-in user may do an action (within their subtree), as the server's policy
 * answered in `/auth/me`. The UI asks this; it never compares roles itself. Without a session
 * (or before `/auth/me` has answered) nothing is allowed.
 */
export function useCan(): (action: StaffAction) => boolean {
  const permissions = useMe().data?.permissions ?? NO_ACTIONS;
  return useMemo(() => {
    const allowed = new Set(permissions);
    return (action) => allowed.has(action);
  }, [permissions]);
}

/** The roles the signed-in user may give a new colleague (never above their own), least first. */
export function useGrantableRoles(): readonly Role[] {
  return useMe().data?.grantableRoles ?? NO_ROLES;
}
