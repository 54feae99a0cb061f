import type { ApplicationStatus, MemberCategory, PublicOrg } from '@profreestr/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Page } from './orgs';

// Online join, «Приём в Профсоюз» (API.md part 2, "Online join"): asked by anyone, with no
// session. The server throttles these by address and e-mail (429 with `Retry-After`).

export const PUBLIC_ORGS_PAGE_SIZE = 20;

const JOIN_KEY = ['join'] as const;

export interface PublicRegion {
  id: string;
  name: string;
}

/** The body of `POST /applications`: the person's own form. */
export interface ApplicationBody {
  orgId: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  sex: 'male' | 'female';
  birthDate: string;
  category: MemberCategory;
  workplace: string;
  position: string | null;
  studyCourse: number | null;
  phone: string | null;
  email: string;
  pdConsent: true;
}

export interface ApplicationCreated {
  id: string;
  status: ApplicationStatus;
}

export interface ApplicationPublicStatus {
  status: ApplicationStatus;
  rejectReason: string | null;
}

/** The regions (regional organizations) to narrow the search by. */
export const usePublicRegions = () =>
  useQuery({
    queryKey: [...JOIN_KEY, 'regions'],
    queryFn: ({ signal }) => api<{ items: PublicRegion[] }>('/public/regions', { signal }),
    staleTime: 60 * 60 * 1000,
  });

/** Active primaries by name, their school's name or INN; only when there is something to ask. */
export const usePublicOrgs = (params: { q: string; regionId: string }, enabled: boolean) =>
  useInfiniteQuery({
    queryKey: [...JOIN_KEY, 'orgs', params.q, params.regionId],
    enabled,
    placeholderData: keepPreviousData,
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<PublicOrg>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(PUBLIC_ORGS_PAGE_SIZE) });
      if (params.q) query.set('q', params.q);
      if (params.regionId) query.set('regionId', params.regionId);
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<PublicOrg>>(`/public/orgs?${query}`, { signal });
    },
  });

/** `POST /applications` → 201 `{ id, status: 'unconfirmed' }`; a letter with a code goes out. */
export const useCreateApplication = () =>
  useMutation({
    mutationFn: (body: ApplicationBody) =>
      api<ApplicationCreated>('/applications', { method: 'POST', body }),
  });

/** `POST /applications/:id/confirm { code }`: the application goes to the chairman. */
export const useConfirmApplication = () =>
  useMutation({
    mutationFn: ({ id, code }: { id: string; code: string }) =>
      api<ApplicationCreated>(`/applications/${encodeURIComponent(id)}/confirm`, {
        method: 'POST',
        body: { code },
      }),
  });

/** `GET /applications/:id/status?email=`: 404 unless the e-mail is the application's. */
export const useApplicationStatus = () =>
  useMutation({
    mutationFn: ({ id, email }: { id: string; email: string }) =>
      api<ApplicationPublicStatus>(
        `/applications/${encodeURIComponent(id)}/status?${new URLSearchParams({ email })}`,
      ),
  });
