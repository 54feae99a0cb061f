import type { ErrorCode, ErrorDetail } from '@profreestr/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnreachable } from '../db/database.js';
import { AppError, notFound, unavailable } from './app-error.js';

const statusCodes: Record<number, ErrorCode> = {
  400: 'invalid',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  415: 'invalid',
  422: 'invalid',
  429: 'rate_limited',
};

const frameworkMessages: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'Тело запроса не является корректным JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Тело запроса пустое, а ожидается JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Тело запроса слишком велико',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Неподдерживаемый тип содержимого запроса',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Неверная длина тела запроса',
};

function send(reply: FastifyReply, error: AppError) {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply
    .code(error.status)
    .send({ error: { code: error.code, message: error.message, details: error.details } });
}

const fieldOf = (instancePath: string) => instancePath.replace(/^\//, '').replaceAll('/', '.');

/** The single mapping from anything thrown to the contract's error body. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) return send(reply, error);

  if (hasZodFastifySchemaValidationErrors(error)) {
    // A path that cannot name a record (`/members/abc`, an id past bigint) names none.
    if (error.validationContext === 'params') return send(reply, notFound());
    const details: ErrorDetail[] = error.validation.flatMap((v) => {
      const field = fieldOf(v.instancePath);
      // An unknown key is reported on the key itself, so a form or an import can point at it.
      if (v.keyword === 'unrecognized_keys') {
        return (v.params.keys as string[]).map((key) => ({
          field: field ? `${field}.${key}` : key,
          message: `Неизвестное поле «${key}»`,
        }));
      }
      return [
        {
          field: field || (error.validationContext ?? 'body'),
          message: v.message ?? 'Неверное значение',
        },
      ];
    });
    const message =
      details.length === 1 ? (details[0]?.message ?? '') : 'Проверьте введённые данные';
    return send(reply, new AppError('invalid', message, details));
  }

  const status = error.statusCode ?? 500;
  const code = statusCodes[status];
  if (code && status < 500) {
    const message = frameworkMessages[error.code] ?? 'Некорректный запрос';
    // The framework's 400s (broken JSON, a wrong content type) stay 400: nothing could be read.
    return send(reply, new AppError(code, message, [], { status }));
  }

  if (isDatabaseUnreachable(error)) {
    request.log.warn({ err: error }, 'database unreachable');
    return send(reply, unavailable());
  }

  request.log.error({ err: error }, 'unhandled error');
  return send(reply, new AppError('internal', 'Внутренняя ошибка сервера. Попробуйте позже.'));
}
