import type {
  AidDecisionInput,
  AidRequest,
  AidRequestStatus,
  AidTotals,
} from '@profreestr/contracts';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, downloadUrl, isApiError } from './client';
import type { Page } from './orgs';

// Members' requests for aid as the staff see them: the queue of the subtree, the decisions and
// the totals granted. Whether the caller may decide a request is the server's `allowed`.

export const AID_REQUESTS_PAGE_SIZE = 30;

const AID_KEY = ['aid-requests'] as const;

export interface AidRequestParams {
  status?: AidRequestStatus | undefined;
  /** The org whose subtree is listed; the caller's own when absent. */
  under?: string | undefined;
}

/** `GET /aid-requests?status=&under=`: newest first. */
export const useAidRequests = ({ status, under }: AidRequestParams) =>
  useInfiniteQuery({
    queryKey: [...AID_KEY, 'list', status ?? '', under ?? ''],
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<AidRequest>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(AID_REQUESTS_PAGE_SIZE) });
      if (status) query.set('status', status);
      if (under) query.set('under', under);
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<AidRequest>>(`/aid-requests?${query}`, { signal });
    },
  });

/**
 * `POST /aid-requests/:id/decide`. The queue and the totals are stale after a decision, and
 * after a 409 too: someone decided meanwhile, and the list should show how it is now.
 */
export function useDecideAidRequest() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: AID_KEY });
  return useMutation({
    mutationFn: ({ id, ...body }: AidDecisionInput & { id: string }) =>
      api<AidRequest>(`/aid-requests/${id}/decide`, { method: 'POST', body }),
    onSuccess: refresh,
    onError: (error) => {
      if (isApiError(error, 409)) void refresh();
    },
  });
}

export interface AidTotalsParams {
  /** `YYYY-MM`, both ends included. */
  from: string;
  to: string;
  under?: string | undefined;
}

/** `GET /aid-requests/totals`: approved requests and roubles granted by month and benefit. */
export const useAidTotals = (params: AidTotalsParams, enabled = true) =>
  useQuery({
    queryKey: [...AID_KEY, 'totals', params.from, params.to, params.under ?? ''],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ from: params.from, to: params.to });
      if (params.under) query.set('under', params.under);
      return api<AidTotals>(`/aid-requests/totals?${query}`, { signal });
    },
  });

/** The same totals as XLSX. */
export const aidTotalsFileUrl = (params: AidTotalsParams) =>
  downloadUrl('/aid-requests/totals/file', {
    from: params.from,
    to: params.to,
    under: params.under,
  });
