import type {
  Completeness,
  CompletenessChild,
  CompletenessOrgItem,
  CompletenessTrend,
  Indicator,
  ShortPassport,
} from '@profreestr/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, downloadUrl } from './client';
import type { Page } from './orgs';

/** Every completeness query starts with it: passport and member changes mark them all stale. */
export const COMPLETENESS_KEY = ['completeness'] as const;

export const CHILDREN_BATCH = 200;
export const DRILL_PAGE_SIZE = 50;
export const TREND_DAYS = 90;

export const useCompleteness = (id: string, enabled = true) =>
  useQuery({
    queryKey: [...COMPLETENESS_KEY, id],
    enabled,
    queryFn: ({ signal }) => api<Completeness>(`/orgs/${id}/completeness`, { signal }),
  });

/** All active children at once: the table sorts them on the client, so it needs every page. */
export const useCompletenessChildren = (id: string) =>
  useQuery({
    queryKey: [...COMPLETENESS_KEY, id, 'children'],
    queryFn: async ({ signal }) => {
      const items: CompletenessChild[] = [];
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams({ limit: String(CHILDREN_BATCH) });
        if (cursor) query.set('cursor', cursor);
        const page: Page<CompletenessChild> = await api<Page<CompletenessChild>>(
          `/orgs/${id}/completeness/children?${query}`,
          { signal },
        );
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return items;
    },
  });

/** The drill-down: primaries of the subtree lacking an indicator, keyset-paged. */
export const useCompletenessOrgs = (id: string, indicator: Indicator) =>
  useInfiniteQuery({
    queryKey: [...COMPLETENESS_KEY, id, 'orgs', indicator],
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<CompletenessOrgItem>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ indicator, limit: String(DRILL_PAGE_SIZE) });
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<CompletenessOrgItem>>(`/orgs/${id}/completeness/orgs?${query}`, { signal });
    },
  });

export const useCompletenessTrend = (id: string, days = TREND_DAYS) =>
  useQuery({
    queryKey: [...COMPLETENESS_KEY, id, 'trend', days],
    queryFn: ({ signal }) =>
      api<CompletenessTrend>(`/orgs/${id}/completeness/trend?days=${days}`, { signal }),
  });

export const completenessExportUrl = (id: string) =>
  downloadUrl(`/orgs/${id}/completeness/export`, { format: 'xlsx' });

export const useShortPassport = (id: string) =>
  useQuery({
    queryKey: [...COMPLETENESS_KEY, id, 'short-passport'],
    queryFn: ({ signal }) => api<ShortPassport>(`/orgs/${id}/short-passport`, { signal }),
  });

export const shortPassportPdfUrl = (id: string) => downloadUrl(`/orgs/${id}/short-passport.pdf`);
