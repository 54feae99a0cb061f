import type { CardBatch } from '@profreestr/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadUrl } from './client';
import type { Page } from './orgs';

// Batches of plastic cards for the producer: the count an order would hold, the order, its file
// (XLSX) and the moves of its status (produced → delivered).

export const BATCHES_PAGE_SIZE = 20;
/** How often a batch whose cards are still being ordered is asked again. */
export const BATCH_POLL_MS = 2000;

const BATCHES_KEY = ['card-batches'] as const;
const LISTS_KEY = [...BATCHES_KEY, 'list'] as const;
const previewKey = (under: string) => [...BATCHES_KEY, 'preview', under] as const;
const batchKey = (id: string) => [...BATCHES_KEY, 'one', id] as const;

export const isBatchFilling = (batch: Pick<CardBatch, 'status'> | undefined) =>
  batch?.status === 'filling';

/** `GET /card-batches/preview?under=`: how many cards an order would hold; always asked anew. */
export const useBatchPreview = (under: string | undefined) =>
  useQuery({
    queryKey: previewKey(under ?? ''),
    enabled: Boolean(under),
    staleTime: 0,
    queryFn: ({ signal }) =>
      api<{ count: number }>(`/card-batches/preview?under=${under}`, { signal }),
  });

/** Batches of the caller's subtree, newest first. */
export const useBatches = (under?: string) =>
  useInfiniteQuery({
    queryKey: [...LISTS_KEY, under ?? ''],
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<CardBatch>) => last.nextCursor,
    // While a batch fills, the list follows its progress.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some(isBatchFilling))
        ? BATCH_POLL_MS
        : false,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(BATCHES_PAGE_SIZE) });
      if (under) query.set('under', under);
      if (pageParam) query.set('cursor', pageParam);
      return api<Page<CardBatch>>(`/card-batches?${query}`, { signal });
    },
  });

/** One batch; asked every 2 s while its cards are being ordered. */
export const useBatch = (id: string) =>
  useQuery({
    queryKey: batchKey(id),
    queryFn: ({ signal }) => api<CardBatch>(`/card-batches/${id}`, { signal }),
    refetchInterval: (query) => (isBatchFilling(query.state.data) ? BATCH_POLL_MS : false),
  });

/** `POST /card-batches { under }` → `{ id, count }`. */
export function useCreateBatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (under: string) =>
      api<{ id: string; count: number }>('/card-batches', { method: 'POST', body: { under } }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: LISTS_KEY });
      void queryClient.invalidateQueries({ queryKey: [...BATCHES_KEY, 'preview'] });
    },
  });
}

export type BatchMove = 'produced' | 'delivered';

/** `POST /card-batches/:id/status { status }`: the batch and its cards move on. */
export function useMoveBatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: BatchMove }) =>
      api<unknown>(`/card-batches/${id}/status`, { method: 'POST', body: { status } }),
    onSettled: (_data, _error, { id }) => {
      void queryClient.invalidateQueries({ queryKey: LISTS_KEY });
      void queryClient.invalidateQueries({ queryKey: batchKey(id) });
      // Delivered cards are now to hand over.
      void queryClient.invalidateQueries({ queryKey: ['cards', 'to-issue'] });
    },
  });
}

/** The producer's file of a batch (XLSX). */
export const batchFileUrl = (id: string) => downloadUrl(`/card-batches/${id}/file`);
