import type {
  MeResponse,
  MfaSetupResponse,
  MfaSignedInResponse,
  PasswordChange,
  RecoveryCodesResponse,
} from '@profreestr/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from './client';
import { meQueryKey } from './query-client';

// The signed-in user's own security: the second factor and the password. The same setup and
// enable calls also finish a sign-in that waits for enrolment (`mfa: 'enroll'`).

// Not under `me`: a new sign-in drops it with the rest of the previous user's data.
const SECURITY_KEY = ['account', 'security'] as const;
const SETUP_KEY = ['mfa-setup'] as const;

/** `GET /auth/me` with the second factor's status. */
export function useSecurityStatus() {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: SECURITY_KEY,
    queryFn: async ({ signal }) => {
      try {
        return (await api<MeResponse>('/auth/me', { signal })).mfa;
      } catch (error) {
        // /auth/me is an auth probe: its 401 does not end the session by itself.
        if (isApiError(error, 401)) queryClient.setQueryData(meQueryKey, null);
        throw error;
      }
    },
  });
}

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

function useRefreshStatus() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: SECURITY_KEY });
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
