import type { ErrorDetail } from '@profreestr/contracts';

export const API_BASE = '/api/v1';

/** One detail of an error: a field and its message, sometimes more (a conflict's `memberId`). */
export type ApiErrorDetail = ErrorDetail & { [key: string]: unknown };

/** An API failure: HTTP status plus the server's error body (messages are in Russian). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];
  /** Seconds to wait before trying again (`Retry-After` of a 429), when the server said so. */
  readonly retryAfter: number | null;

  constructor(
    status: number,
    code: string,
    message: string,
    details: ApiErrorDetail[] = [],
    retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }
}

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);

// Paths whose 401 means "wrong credentials or code" or "no session yet", not "session expired".
const AUTH_PROBES = new Set([
  '/auth/login',
  '/auth/me',
  '/auth/password',
  '/auth/mfa/verify',
  '/auth/mfa/enable',
  '/auth/mfa/disable',
  '/auth/mfa/recovery-codes',
]);
let onUnauthorized: () => void = () => {};

/** Called when any request except login/me gets 401 (the session has expired). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** More request headers, e.g. `If-Match` with the version a form started from. */
  headers?: Record<string, string>;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal } = options;
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const init = { method, headers, body: body === undefined ? null : JSON.stringify(body) };
  return request<T>(path, init, signal);
}

/** `If-Match` for a change of the version a form started from: a stale one is refused (412). */
export const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

/** POSTs a multipart form; no Content-Type: the browser sets it with the boundary. */
export function upload<T>(path: string, form: FormData, signal?: AbortSignal): Promise<T> {
  return request<T>(
    path,
    { method: 'POST', headers: { Accept: 'application/json' }, body: form },
    signal,
  );
}

/** A same-origin URL of a file to download: empty params are left out. */
export function downloadUrl(path: string, params: Record<string, string | null | undefined> = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const search = query.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

async function request<T>(path: string, init: RequestInit, signal?: AbortSignal): Promise<T> {
  const response = await fetchOk(path, init, signal);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/**
 * A successful response, or the ApiError of a failed one (a 401 also ends the session). Files
 * are fetched with it too, so a failed export says why in Russian.
 */
export async function fetchOk(
  path: string,
  init: RequestInit = {},
  signal?: AbortSignal,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(API_BASE + path, {
      ...init,
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'network', 'Нет связи с сервером. Проверьте подключение к интернету.');
  }
  if (response.ok) return response;

  const error = await toApiError(response);
  // The member's cabinet has its own session: its 401 says nothing of the staff's.
  if (error.status === 401 && !AUTH_PROBES.has(path) && !path.startsWith('/cabinet/')) {
    onUnauthorized();
  }
  throw error;
}

/** `Retry-After` in seconds (or an HTTP date), as whole seconds from now. */
function retryAfterOf(response: Response): number | null {
  const header = response.headers.get('Retry-After');
  if (!header) return null;
  const seconds = /^\d+$/.test(header.trim())
    ? Number(header)
    : (Date.parse(header) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : null;
}

async function toApiError(response: Response): Promise<ApiError> {
  const fallback = `Ошибка сервера (${response.status}). Попробуйте позже.`;
  const retryAfter = retryAfterOf(response);
  try {
    const { error } = (await response.json()) as {
      error?: { code?: unknown; message?: unknown; details?: unknown };
    };
    const details = Array.isArray(error?.details)
      ? error.details.map((d: { field?: unknown; message?: unknown }) => ({
          ...d,
          field: String(d.field ?? ''),
          message: String(d.message ?? ''),
        }))
      : [];
    return new ApiError(
      response.status,
      typeof error?.code === 'string' ? error.code : 'internal',
      typeof error?.message === 'string' ? error.message : fallback,
      details,
      retryAfter,
    );
  } catch {
    return new ApiError(response.status, 'internal', fallback, [], retryAfter);
  }
}
