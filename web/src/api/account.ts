import type {
  MfaSetupResponse,
  MfaSignedInResponse,
  PasswordChange,
  RecoveryCodesResponse,
} from '@profreestr/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { meQuery } from './me';

// The signed-in user's own security: the second factor and the password. The same setup and
// enable calls also finish a sign-in that waits for enrolment (`mfa: 'enroll'`).

const SETUP_KEY = ['mfa-setup'] as const;

/** The second factor's status: a view of the one `/auth/me` query; null without a session. */
export const useSecurityStatus = () => useQuery({ ...meQuery, select: (me) => me?.mfa ?? null });

/**
 * A new secret to enrol. A query, not a mutation, so a re-render (or React's strict mode) does
 * not ask twice and show a secret the server has already replaced; dropped once unmounted.
 */
export const useMfaSetup = () =>
  useQuery({
    queryKey: SETUP_KEY,
    queryFn: () => api<MfaSetupResponse>('/auth/mfa/setup', { method: 'POST' }),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: false,
  });

const post = <T>(path: string, body?: unknown) =>
  api<T>(path, { method: 'POST', ...(body === undefined ? {} : { body }) });

/**
 * Asks `/auth/me` again for the new status, once signed in. During a sign-in that waits for
 * enrolment there is no user yet: the session starts after the recovery codes have been seen
 * (useStartSession), not as soon as the second factor is on.
 */
function useRefreshStatus() {
  const queryClient = useQueryClient();
  return async () => {
    if (queryClient.getQueryData(meQuery.queryKey)) {
      await queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
    }
  };
}

/** Confirms the enrolment with a code: the second factor is on, the recovery codes come once. */
export function useMfaEnable() {
  const refresh = useRefreshStatus();
  return useMutation({
    mutationFn: (code: string) => post<MfaSignedInResponse>('/auth/mfa/enable', { code }),
    onSuccess: () => void refresh(),
  });
}

/** The second step of a sign-in: the app's code or a recovery code. */
export const useMfaVerify = () =>
  useMutation({
    mutationFn: (code: string) => post<MfaSignedInResponse>('/auth/mfa/verify', { code }),
  });

export function useMfaDisable() {
  const refresh = useRefreshStatus();
  return useMutation({
    mutationFn: (code: string) => post<void>('/auth/mfa/disable', { code }),
    onSuccess: () => void refresh(),
  });
}

/** A new set of recovery codes; the old ones stop working. */
export function useNewRecoveryCodes() {
  const refresh = useRefreshStatus();
  return useMutation({
    mutationFn: (code: string) => post<RecoveryCodesResponse>('/auth/mfa/recovery-codes', { code }),
    onSuccess: () => void refresh(),
  });
}

export const useChangePassword = () =>
  useMutation({
    mutationFn: (body: PasswordChange) => post<void>('/auth/password', body),
  });
