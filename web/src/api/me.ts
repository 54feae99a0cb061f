import type { MeResponse } from '@profreestr/contracts';
import { queryOptions } from '@tanstack/react-query';
import { api, isApiError } from './client';
import { meQueryKey } from './query-client';

/**
 * `GET /auth/me`: the user, their second factor, the actions their role allows and the roles
 * they may give; null when there is no session (401). One cache entry for every reader: the
 * auth guard, the permission checks and the security page.
 */
export const meQuery = queryOptions({
  queryKey: meQueryKey,
  queryFn: async ({ signal }): Promise<MeResponse | null> => {
    try {
      return await api<MeResponse>('/auth/me', { signal });
    } catch (error) {
      // /auth/me is an auth probe: its 401 means "no session", not an error to show.
      if (isApiError(error, 401)) return null;
      throw error;
    }
  },
});
