import { type ErrorCode, type ErrorDetail, errorStatus } from '@profreestr/contracts';

/** The one error type services throw; the error handler maps it to the contract's body. */
export class AppError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    options: { status?: number; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = options.status ?? errorStatus[code];
    this.headers = options.headers ?? {};
  }
}

/** The database cannot be reached (restarting, unreachable): try again shortly. */
export const unavailable = (message = 'База данных недоступна. Повторите через 5 с') =>
  new AppError('unavailable', message, [], { headers: { 'retry-after': '5' } });

export const notFound = (message = 'Не найдено') => new AppError('not_found', message);

export const forbidden = (message = 'Недостаточно прав для этого действия') =>
  new AppError('forbidden', message);

export const invalid = (field: string, message: string) =>
  new AppError('invalid', message, [{ field, message }]);

export const conflict = (message: string, details: ErrorDetail[] = []) =>
  new AppError('conflict', message, details);

export const unauthenticated = (message = 'Требуется вход в систему') =>
  new AppError('unauthenticated', message);
