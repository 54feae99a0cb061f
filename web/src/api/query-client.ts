import { QueryClient } from '@tanstack/react-query';
import { ApiError, setUnauthorizedHandler } from './client';

export const meQueryKey = ['me'] as const;

const isClientError = (error: unknown) =>
  error instanceof ApiError && error.status >= 400 && error.status < 500;

/** A cache with the app's defaults (tests make their own, one per test). */
export const createQueryClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // 4xx will not get better on retry; network and 5xx errors get two more attempts.
        retry: (failureCount, error) => !isClientError(error) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });

export const queryClient = createQueryClient();

// Session expired: forget the user; the auth guard then redirects to /login.
setUnauthorizedHandler(() => {
  queryClient.setQueryData(meQueryKey, null);
  void queryClient.invalidateQueries({ queryKey: meQueryKey });
});
