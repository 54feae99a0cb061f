import fastifySwagger, { type SwaggerTransform } from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { errorCodes, idSchema } from '@profreestr/contracts';
import type { FastifySchema, RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type App, anyone } from './http.js';

// The OpenAPI document at /api/openapi.json, generated from the routes' Zod schemas. Everything
// an integrator needs beyond the schemas is derived here from what each route declares, so a
// route added later is described the same way without touching it: its operationId (method and
// URL), its security (the `config.callers` authentication enforces) and its error responses.

export const OPENAPI_PATH = '/api/openapi.json';

const tagDescriptions: Record<string, string> = {
  system: 'Состояние сервиса',
  auth: 'Вход, выход, смена пароля, второй фактор',
  users: 'Пользователи системы: роли, доступ к поддереву, второй фактор',
  audit: 'Журнал: кто, когда и откуда смотрел и менял данные',
  orgs: 'Организации: паспорт, дерево, активисты, штат, мероприятия, счётчики',
  members: 'Члены Профсоюза: учётная карточка, перевод, снятие с учёта, история',
  completeness: 'Заполненность данных по поддереву и краткий паспорт организации',
  exports: 'Выгрузки организаций и членов Профсоюза в XLSX и CSV',
  imports: 'Загрузка организаций и членов Профсоюза из файлов CSV и XLSX',
  mail: 'Письма: исходящая очередь, ошибки доставки, возвраты от почтового сервиса',
  public: 'Приём в Профсоюз: публичная форма заявления (без входа)',
  applications: 'Заявления о вступлении: рассмотрение, приём, отказ',
  cabinet: 'Личный кабинет члена Профсоюза: вход по коду, карточка, согласия, кто смотрел данные',
  bonus:
    'Программа PROFCARDS: партнёры, их проценты и ключи API, покупки партнёров, статистика по месяцам',
  partner:
    'API партнёра PROFCARDS (ключ в заголовке Authorization: Bearer): проверка карты, покупки, возвраты',
  reports:
    'Статистические отчёты (2 СП – 5 СП): формы, кампании, заполнение из реестра на дату, приём, свод',
  cards:
    'Карты: носители электронного билета (пластиковые и виртуальные), партии для изготовителя, выдача',
  surveys:
    'Опросы и тесты: вопросы, аудитория, публикация с приглашениями, ответы (анонимные — без следа человека), итоги по поддереву',
  'social-support':
    'Дополнительная социальная поддержка: каталог льгот, обращения членов Профсоюза за помощью, решения, итоги',
};

/** The contract's error body (`packages/contracts/src/errors.ts`, ../shared/API.md). */
const errorBodySchema = {
  type: 'object',
  description: 'Ошибка: код из перечня контракта и сообщение на русском, пригодное для показа',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string', enum: [...errorCodes] },
        message: { type: 'string' },
        details: {
          type: 'array',
          description:
            'Для `invalid` — поля с ошибками; для `conflict` — запись, с которой конфликт',
          items: {
            type: 'object',
            properties: {
              field: { type: 'string' },
              message: { type: 'string' },
              memberId: { type: 'string' },
              orgId: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const;

const errorResponses = {
  400: 'Запрос не прочитать: адрес или тело не в UTF-8, тело не JSON (`invalid`)',
  401: 'Нет сеанса или он истёк, либо вход не завершён вторым фактором (`unauthenticated`)',
  403: 'Запись видна, но роли это действие не разрешено (`forbidden`)',
  404: 'Не найдено или вне поддерева пользователя — эти случаи неразличимы (`not_found`)',
  409: 'Конфликт с состоянием данных, например дубль (`conflict`)',
  412: 'Запись изменили после того, как её прочитали: `If-Match` устарел, ничего не изменено (`conflict`; заголовок `ETag` — текущая версия)',
  413: 'Тело запроса или файл слишком велики (`too_large`)',
  422: 'Данные не прошли проверку; `details` называют поля (`invalid`)',
  429: 'Слишком много запросов; повторить через `Retry-After` секунд (`rate_limited`)',
  500: 'Внутренняя ошибка сервера (`internal`)',
} as const;
type ErrorStatus = keyof typeof errorResponses;

// What a route's schemas cannot show: a wrong password at sign-in; the upload's multipart form
// (it has no schema) names an organization.
const undeclaredErrors: Record<string, Partial<Record<ErrorStatus, string>>> = {
  'POST /api/v1/auth/login': { 401: 'Неверный логин или пароль (`unauthenticated`)' },
  'POST /api/v1/imports': { 404: errorResponses[404] },
  // The public join form: a person with an application waiting, a code used or expired.
  'POST /api/v1/applications': { 409: errorResponses[409] },
  'POST /api/v1/applications/:id/confirm': { 409: errorResponses[409] },
  'POST /api/v1/mail/bounces': {
    401: 'Неверный токен вебхука (`unauthenticated`)',
    404: 'Письма с таким Message-ID нет (`not_found`)',
  },
};

/** As authentication decides (features/auth): a session unless nobody signed in is admitted. */
const requiresSession = (route: RouteOptions) =>
  route.url.startsWith('/api/v1/') && !route.config?.callers?.includes('applicant');

const idPattern = (z.toJSONSchema(idSchema) as { pattern?: string }).pattern;

/** True when a JSON schema has a field holding a record's id. */
const namesRecord = (schema: unknown): boolean =>
  typeof schema === 'object' &&
  schema !== null &&
  Object.entries(schema).some(([key, value]) =>
    key === 'pattern' ? value === idPattern : namesRecord(value),
  );

/**
 * The errors a route can answer, from its method, config and schemas (as JSON Schema). Every
 * route may answer 400 (a URL that is not UTF-8) and 500; the rest follow what it takes.
 */
function errorsOf(route: RouteOptions, schema: FastifySchema): Map<ErrorStatus, string> {
  const methods = [route.method].flat();
  const takesBody = Boolean(schema.body || schema.consumes);
  const errors = new Map<ErrorStatus, string>();
  const add = (status: ErrorStatus, when: unknown) =>
    when && !errors.has(status) && errors.set(status, errorResponses[status]);
  for (const [status, description] of Object.entries(
    undeclaredErrors[`${methods[0]} ${route.url}`] ?? {},
  )) {
    errors.set(Number(status) as ErrorStatus, description);
  }
  add(400, true);
  add(500, true);
  add(401, requiresSession(route));
  add(403, requiresSession(route));
  // A record named in the path, the query or the body may be missing or outside the subtree.
  add(404, schema.params || namesRecord(schema.querystring) || namesRecord(schema.body));
  add(409, requiresSession(route) && methods.some((method) => method !== 'GET'));
  // A versioned change (If-Match) made on a version that is no longer current.
  add(
    412,
    (schema.headers as { properties?: object } | undefined)?.properties &&
      'if-match' in (schema.headers as { properties: object }).properties,
  );
  add(413, takesBody);
  add(422, takesBody || schema.querystring);
  // Each session has a request budget per minute; sign-in is throttled per login and address.
  add(429, route.url.startsWith('/api/v1/'));
  return errors;
}

const errorResponse = (status: ErrorStatus, description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  ...(status === 429
    ? {
        headers: {
          'Retry-After': { type: 'integer', description: 'Через сколько секунд повторить' },
        },
      }
    : {}),
});

const sessionCookieScheme = 'sessionCookie';

const transform: SwaggerTransform = (document) => {
  const { schema, url } = jsonSchemaTransform(document);
  const { route } = document;
  if (schema.hide) return { schema, url };
  const response: Record<string, unknown> = { ...(schema.response as object) };
  // A file download declares no body schema; its success still belongs in the document.
  if (!Object.keys(response).some((status) => status.startsWith('2'))) {
    response[200] = { description: 'Успешный ответ', type: 'null' };
  }
  for (const [status, description] of errorsOf(route, schema)) {
    response[status] ??= errorResponse(status, description);
  }
  if (route.config?.etag && response[200]) {
    response[200] = {
      ...(response[200] as object),
      headers: {
        ETag: { type: 'string', description: 'Версия записи (`"7"`): для `If-Match` при правке' },
      },
    };
  }
  return {
    url,
    schema: {
      ...schema,
      // The multipart upload reads its body in the handler; still, it takes one.
      ...(schema.consumes && !schema.body ? { body: { type: 'object' } } : {}),
      // A route may name its own scheme (partners' keys, later); else authentication's rule.
      security:
        schema.security ??
        (requiresSession(route)
          ? [
              {
                [route.config?.callers?.includes('staff') ? sessionCookieScheme : 'memberSession']:
                  [],
              },
            ]
          : []),
      response,
    },
  };
};

const operationMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** `GET /api/v1/orgs/{id}/short-passport.pdf` → `getOrgsByIdShortPassportPdf`. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/(v1\/)?/, '')
    .split('/')
    .flatMap((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      return param
        ? ['by', ...(param[1] ?? '').split(/[^A-Za-z0-9]+/)]
        : segment.split(/[^A-Za-z0-9]+/);
    })
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0]?.toUpperCase() + w.slice(1))].join('');
}

type Operation = { operationId?: string };
type Document = { paths?: Record<string, Record<string, Operation>> };

/** Every operation gets an operationId from its method and path, unless its schema names one. */
function nameOperations<T extends Document>(document: T): T {
  const seen = new Map<string, string>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of operationMethods) {
      const operation = item[method];
      if (!operation) continue;
      // A route with several methods shares one operation object: each gets its own copy.
      const operationId = operation.operationId ?? operationIdOf(method, path);
      const previous = seen.get(operationId);
      if (previous) {
        throw new Error(`operationId ${operationId} of ${method} ${path} is taken by ${previous}`);
      }
      seen.set(operationId, `${method} ${path}`);
      item[method] = { ...operation, operationId };
    }
  }
  return document;
}

export interface OpenApiOptions {
  /** The session cookie authentication reads. */
  sessionCookie: string;
}

/** The OpenAPI document at /api/openapi.json and its browsable page at /api/docs. */
export async function registerOpenApi(app: App, options: OpenApiOptions) {
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Профреестр API',
        description: 'Реестр организаций и членов Общероссийского Профсоюза образования',
        version: '1.0.0',
      },
      servers: [{ url: '/', description: 'Этот сервер' }],
      tags: Object.entries(tagDescriptions).map(([name, description]) => ({ name, description })),
      components: {
        securitySchemes: {
          [sessionCookieScheme]: {
            type: 'apiKey',
            in: 'cookie',
            name: options.sessionCookie,
            description: 'Сеанс сотрудника: cookie из `POST /api/v1/auth/login`',
          },
          memberSession: {
            type: 'apiKey',
            in: 'cookie',
            name: 'prf_member',
            description:
              'Сеанс члена Профсоюза в личном кабинете: cookie из `POST /api/v1/cabinet/auth/login`',
          },
          // Partners' API keys: the routes under /api/v1/partner/ name this scheme themselves.
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description:
              'Ключ API партнёра PROFCARDS (`prf_live_…`), выданный центральным аппаратом',
          },
          mailWebhook: {
            type: 'http',
            scheme: 'bearer',
            description: 'Токен вебхука почтового сервиса (MAIL_WEBHOOK_TOKEN)',
          },
        },
        schemas: { Error: errorBodySchema as never },
      },
    },
    transform,
    transformObject: (document) => nameOperations(jsonSchemaTransformObject(document) as Document),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get(OPENAPI_PATH, { config: { callers: anyone }, schema: { hide: true } }, () =>
    app.swagger(),
  );
}
