// Error codes of the public API contract (../shared/API.md); the contract only grows.
export const errorCodes = [
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'too_large',
  'rate_limited',
  'internal',
  'unavailable',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** The status of each code; `invalid` is 422 (the input was read and refused) unless it could
 * not be read at all (broken JSON, bytes that are not UTF-8: 400). */
export const errorStatus: Record<ErrorCode, number> = {
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

export interface ErrorDetail {
  field: string;
  message: string;
  /** A conflict may name the record it clashes with, when the caller may see it. */
  memberId?: string;
  orgId?: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: ErrorDetail[] | Record<string, unknown>[] };
}
