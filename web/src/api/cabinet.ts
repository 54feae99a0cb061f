import type {
  AccessLogEntry,
  CabinetMe,
  CabinetPatch,
  ConsentChange,
  ConsentEntry,
  VirtualCard,
} from '@profreestr/contracts';
import {
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { API_BASE, api, isApiError } from './client';
import type { Page } from './orgs';

// The member's personal cabinet (API.md part 2, "Member cabinet"): the sign-in by a code from a
// letter, the member's own card and contacts, consents, who read their data, the virtual card.
// A member session reaches `/cabinet/*` only; a 401 from any of it means «sign in again».

export const CABINET_KEY = ['cabinet'] as const;
const meKey = [...CABINET_KEY, 'me'] as const;
const cardKey = [...CABINET_KEY, 'card'] as const;
const consentsKey = [...CABINET_KEY, 'consents'] as const;
const accessKey = [...CABINET_KEY, 'access-log'] as const;

export const ACCESS_LOG_PAGE_SIZE = 20;

/** Everything held about the member, one JSON file. */
export const CABINET_EXPORT_HREF = `${API_BASE}/cabinet/export`;
export const CABINET_EXPORT_NAME = 'Мои данные — Профреестр.json';

// ---- the session ----

const signedOutListeners = new Set<() => void>();

/** Called when a cabinet request gets 401 (no session, or it ended); returns the unsubscribe. */
export function onCabinetSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => {
    signedOutListeners.delete(listener);
  };
}

/** A cabinet request: a 401 forgets the card kept on the device and tells the listeners. */
export async function cabinetApi<T>(path: string, options?: Parameters<typeof api>[1]): Promise<T> {
  try {
    return await api<T>(`/cabinet${path}`, options);
  } catch (error) {
    if (isApiError(error, 401)) {
      forgetSavedCard();
      for (const listener of [...signedOutListeners]) listener();
    }
    throw error;
  }
}

/** `POST /cabinet/auth/code`: 202 whatever the address; the letter goes only to a member's. */
export const useRequestCabinetCode = () =>
  useMutation({
    mutationFn: (email: string) =>
      api<unknown>('/cabinet/auth/code', { method: 'POST', body: { email } }),
  });

/** `POST /cabinet/auth/login`: the code from the letter → the member's session. */
export function useCabinetLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; code: string }) =>
      api<CabinetMe>('/cabinet/auth/login', { method: 'POST', body }),
    onSuccess: (me) => {
      // Nothing of a member signed in before on this device stays in the cache.
      queryClient.removeQueries({ queryKey: CABINET_KEY });
      forgetSavedCard();
      queryClient.setQueryData(meKey, me);
    },
  });
}

/** `POST /cabinet/auth/logout`; a session already gone (401) is signed out as well. */
export const useCabinetLogout = () =>
  useMutation({
    mutationFn: async () => {
      try {
        await api<void>('/cabinet/auth/logout', { method: 'POST' });
      } catch (error) {
        if (!isApiError(error, 401)) throw error;
      }
    },
  });

/** After signing out: nothing of the member stays in the cache or on the device. */
export function forgetCabinet(queryClient: QueryClient) {
  forgetSavedCard();
  queryClient.removeQueries({ queryKey: CABINET_KEY });
}

// ---- the member's own data ----

export const useCabinetMe = () =>
  useQuery({
    queryKey: meKey,
    queryFn: ({ signal }) => cabinetApi<CabinetMe>('/me', { signal }),
  });

/** `PATCH /cabinet/me { phone, address }`: the member's own contacts. */
export function useUpdateCabinetMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CabinetPatch) => cabinetApi<CabinetMe>('/me', { method: 'PATCH', body }),
    onSuccess: (me) => queryClient.setQueryData(meKey, me),
  });
}

/** The consents' ledger, newest first. */
export const useCabinetConsents = () =>
  useQuery({
    queryKey: consentsKey,
    queryFn: ({ signal }) => cabinetApi<{ items: ConsentEntry[] }>('/consents', { signal }),
  });

/** `POST /cabinet/consents { kind, granted }`: the card and the ledger change. */
export function useChangeConsent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConsentChange) =>
      cabinetApi<ConsentEntry>('/consents', { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: meKey });
      void queryClient.invalidateQueries({ queryKey: consentsKey });
    },
  });
}

/** Who read or changed the member's card, newest first. */
export const useCabinetAccessLog = () =>
  useInfiniteQuery({
    queryKey: accessKey,
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<AccessLogEntry>) => last.nextCursor,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(ACCESS_LOG_PAGE_SIZE) });
      if (pageParam) query.set('cursor', pageParam);
      return cabinetApi<Page<AccessLogEntry>>(`/access-log?${query}`, { signal });
    },
  });

// ---- the virtual card, kept on the device for a visit without the internet ----

const SAVED_CARD_KEY = 'profreestr.cabinet.card';

/** The card as shown: from the server, or (`savedAt` set) the copy kept when there is no link. */
export interface ShownCard {
  card: VirtualCard;
  /** When the copy on the device was received; null for a card fresh from the server. */
  savedAt: string | null;
}

function saveCard(card: VirtualCard) {
  try {
    localStorage.setItem(
      SAVED_CARD_KEY,
      JSON.stringify({ card, savedAt: new Date().toISOString() }),
    );
  } catch {
    // Storage full or off (a private window): the card then needs the internet.
  }
}

function savedCard(): ShownCard | null {
  try {
    const saved = JSON.parse(localStorage.getItem(SAVED_CARD_KEY) ?? 'null') as ShownCard | null;
    return saved?.card?.cardNumber && saved.savedAt ? saved : null;
  } catch {
    return null;
  }
}

export function forgetSavedCard() {
  try {
    localStorage.removeItem(SAVED_CARD_KEY);
  } catch {
    // Nothing kept.
  }
}

/**
 * `GET /cabinet/card`. Once received, the card is kept on the device: without the internet the
 * kept copy is shown (the QR token in it lasts its `qrExpiresAt`). Asked whatever the browser
 * says of the link (`networkMode: 'always'`), so an offline visit reaches the copy at once.
 */
export const useCabinetCard = () =>
  useQuery({
    queryKey: cardKey,
    networkMode: 'always',
    retry: false,
    queryFn: async ({ signal }): Promise<ShownCard> => {
      try {
        const card = await cabinetApi<VirtualCard>('/card', { signal });
        saveCard(card);
        return { card, savedAt: null };
      } catch (error) {
        // No link (0), or the server away behind its proxy (5xx): the copy, if there is one.
        const away = isApiError(error) && (error.status === 0 || error.status >= 500);
        const saved = away ? savedCard() : null;
        if (saved) return saved;
        throw error;
      }
    },
    // A new QR token before the one shown stops being accepted.
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data) return false;
      const left = Date.parse(data.card.qrExpiresAt) - Date.now() - 60 * 60 * 1000;
      return Math.min(Math.max(left, 60_000), 24 * 60 * 60 * 1000);
    },
  });
