import type { Application, Member } from '@profreestr/contracts';
import {
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, isApiError } from './client';
import { COMPLETENESS_KEY } from './completeness';
import { MEMBER_LISTS_KEY, memberKey } from './members';
import { orgKey, type Page } from './orgs';

// Online applications to join («Приём в Профсоюз»), as staff see them: the list of the caller's
// subtree, one application, the menu's count of those waiting, and the decision on one.
// Only types come from the contracts here: the menu (in the main bundle) asks the count.

export const APPLICATIONS_PAGE_SIZE = 20;
/** How often the menu's count of applications waiting for a decision is asked again. */
export const APPLICATION_COUNT_POLL_MS = 60_000;

/** The statuses the staff list filters by (unconfirmed and expired ones are not listed). */
export type ApplicationListStatus = 'submitted' | 'accepted' | 'rejected';

export interface ApplicationParams {
  /** The org whose subtree is listed; the caller's own when absent. */
  under?: string | undefined;
  status?: ApplicationListStatus | undefined;
}

export interface ApplicationAccepted {
  application: Application;
  member: Member;
}

const APPLICATIONS_KEY = ['applications'] as const;
const APPLICATION_LISTS_KEY = [...APPLICATIONS_KEY, 'list'] as const;
const APPLICATION_COUNT_KEY = [...APPLICATIONS_KEY, 'count'] as const;
export const applicationKey = (id: string) => [...APPLICATIONS_KEY, 'one', id] as const;

export const applicationPath = (id: string) => `/applications/${id}`;

/** Applications of the subtree, newest first, by status. */
export const useApplications = (params: ApplicationParams) =>
  useInfiniteQuery({
    queryKey: [...APPLICATION_LISTS_KEY, params.under ?? '', params.status ?? 'all'],
    // Another filter refines the list in place instead of flashing a loader.
    placeholderData: keepPreviousData,
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<Application>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(APPLICATIONS_PAGE_SIZE) });
      if (params.under) query.set('under', params.under);
      if (params.status) query.set('status', params.status);
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<Application>>(`/applications?${query}`, { signal });
    },
  });

export const useApplication = (id: string) =>
  useQuery({
    queryKey: applicationKey(id),
    queryFn: ({ signal }) => api<Application>(`/applications/${id}`, { signal }),
  });

/**
 * The menu's badge: applications of the subtree waiting for a decision, asked every minute
 * (and again after a decision). Only for callers who may read applications.
 */
export const useApplicationCount = (enabled: boolean) =>
  useQuery({
    queryKey: APPLICATION_COUNT_KEY,
    enabled,
    queryFn: ({ signal }) => api<{ submitted: number }>('/applications/count', { signal }),
    refetchInterval: APPLICATION_COUNT_POLL_MS,
  });

/** The lists, the count and the application itself are stale after a decision. */
function refreshApplications(queryClient: QueryClient, application?: Application) {
  if (application) queryClient.setQueryData(applicationKey(application.id), application);
  void queryClient.invalidateQueries({ queryKey: APPLICATIONS_KEY });
}

/** Decided meanwhile by someone else (409): show how it is now. */
function onConflict(queryClient: QueryClient, error: unknown) {
  if (isApiError(error, 409)) refreshApplications(queryClient);
}

/**
 * `POST /applications/:id/accept { on }`: the person is put on record in the chosen primary
 * with a new card. 409 when it was decided already, or the person is on record elsewhere.
 */
export function useAcceptApplication(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { on: string }) =>
      api<ApplicationAccepted>(`/applications/${id}/accept`, { method: 'POST', body }),
    onSuccess: ({ application, member }) => {
      refreshApplications(queryClient, application);
      // A new member: their card, the lists, the org's count and the filled-in shares.
      queryClient.setQueryData(memberKey(member.id), member);
      void queryClient.invalidateQueries({ queryKey: MEMBER_LISTS_KEY });
      void queryClient.invalidateQueries({ queryKey: orgKey(member.orgId), exact: true });
      void queryClient.invalidateQueries({ queryKey: ['orgs'], refetchType: 'none' });
      void queryClient.invalidateQueries({ queryKey: COMPLETENESS_KEY, refetchType: 'none' });
    },
    onError: (error) => onConflict(queryClient, error),
  });
}

/** The application in a decision's answer: itself, or `{ application }` (204: none). */
const applicationOf = (answer: unknown): Application | undefined => {
  if (typeof answer !== 'object' || answer === null) return undefined;
  if ('application' in answer) return answer.application as Application;
  return 'status' in answer && 'id' in answer ? (answer as Application) : undefined;
};

/** `POST /applications/:id/reject { reason }`: the applicant is told why. */
export function useRejectApplication(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { reason: string }) =>
      api<unknown>(`/applications/${id}/reject`, { method: 'POST', body }),
    onSuccess: (answer) => refreshApplications(queryClient, applicationOf(answer)),
    onError: (error) => onConflict(queryClient, error),
  });
}
