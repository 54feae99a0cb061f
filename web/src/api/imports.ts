import type { Import, ImportKind, SpreadsheetFormat } from '@profreestr/contracts';
import {
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api, downloadUrl, upload } from './client';
import type { Page } from './orgs';

export const IMPORT_PAGE_SIZE = 20;
const POLL_MS = 1000;

export const IMPORTS_KEY = ['imports'] as const;
export const importKey = (id: string) => [...IMPORTS_KEY, id] as const;
const IMPORT_LISTS_KEY = [...IMPORTS_KEY, 'list'] as const;

export const isImportActive = (item: Import | undefined): boolean =>
  item?.status === 'queued' || item?.status === 'running';

export const templateUrl = (kind: ImportKind, format: SpreadsheetFormat) =>
  downloadUrl(`/imports/templates/${kind}`, { format });

export const rejectedUrl = (id: string) => downloadUrl(`/imports/${id}/rejected.xlsx`);

/** One import; polls while the server is still working on it. */
export function useImport(id: string) {
  const query = useQuery({
    queryKey: importKey(id),
    queryFn: ({ signal }) => api<Import>(`/imports/${id}`, { signal }),
    refetchInterval: (q) => (isImportActive(q.state.data) ? POLL_MS : false),
  });
  useRefreshOnFinish(query.data);
  return query;
}

/** An import changes orgs and members: lists, cards and counts elsewhere are stale. */
function invalidateImported(queryClient: QueryClient, refetchType: 'active' | 'none') {
  for (const queryKey of [['members'], ['orgs'], ['org-search'], IMPORT_LISTS_KEY]) {
    void queryClient.invalidateQueries({ queryKey, refetchType });
  }
}

/** Refreshes what is on screen once a watched import finishes. */
function useRefreshOnFinish(item: Import | undefined) {
  const queryClient = useQueryClient();
  const wasActive = useRef(false);
  const active = isImportActive(item);
  useEffect(() => {
    if (wasActive.current && !active) invalidateImported(queryClient, 'active');
    wasActive.current = active;
  }, [active, queryClient]);
}

/** Recent imports into a subtree, newest first; refreshes while any of them is running. */
export const useImports = (under: string) =>
  useInfiniteQuery({
    queryKey: [...IMPORT_LISTS_KEY, under],
    enabled: !!under,
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<Import>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ under, limit: String(IMPORT_PAGE_SIZE) });
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<Import>>(`/imports?${query}`, { signal });
    },
    refetchInterval: (q) =>
      q.state.data?.pages.some((page) => page.items.some(isImportActive)) ? 3 * POLL_MS : false,
  });

export interface StartImportBody {
  kind: ImportKind;
  orgId: string;
  file: File;
}

export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, orgId, file }: StartImportBody) => {
      // The text fields go first: the server reads them before it streams the file.
      const form = new FormData();
      form.append('kind', kind);
      form.append('orgId', orgId);
      form.append('file', file, file.name);
      return upload<{ id: string }>('/imports', form);
    },
    // A small file may be done before its page first asks: refetch everything when next shown.
    onSuccess: () => invalidateImported(queryClient, 'none'),
  });
}
