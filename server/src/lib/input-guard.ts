import { isUtf8 } from 'node:buffer';
import { FORBIDDEN_CHARS_MESSAGE, hasForbiddenChars } from '@profreestr/contracts';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError } from './app-error.js';
import type { App } from './http.js';

// Input that no schema should have to think about is refused here, for every route at once:
// bytes that are not UTF-8 (400: the body is not text), strings with control characters or
// broken surrogate pairs anywhere in the body, the query or the path (422 naming the field;
// PostgreSQL would refuse NUL with a 500), and — when a route is registered — a body schema
// that would silently drop unknown fields.

/** JSON bodies are parsed from bytes, so invalid UTF-8 is refused instead of becoming U+FFFD. */
function registerStrictJsonParser(app: App) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (request: FastifyRequest, body: Buffer, done) => {
      if (!isUtf8(body)) {
        done(new AppError('invalid', 'Тело запроса не в кодировке UTF-8', [], { status: 400 }));
        return;
      }
      parseJson(request, body.toString('utf8'), done);
    },
  );
}

/** The path of the first string holding a forbidden character, or null. */
export function findForbiddenText(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === 'string') return hasForbiddenChars(value) ? path.join('.') : null;
  // Deeper than any schema of the contract: the schema refuses it, nothing to walk here.
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    if (hasForbiddenChars(key)) return [...path, key].join('.');
    const found = findForbiddenText(item, [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** True when the URL's percent-escapes decode to UTF-8 (`%FF` alone does not). */
function isUtf8Url(url: string): boolean {
  try {
    decodeURIComponent(url.replaceAll('+', ' '));
    return true;
  } catch {
    return false;
  }
}

function registerTextGuard(app: App) {
  app.addHook('onRequest', async (request) => {
    if (!isUtf8Url(request.url)) {
      throw new AppError('invalid', 'Адрес запроса не в кодировке UTF-8', [], { status: 400 });
    }
  });
  app.addHook('preValidation', async (request) => {
    const inPath = findForbiddenText(request.params);
    // A path that cannot name a record names none.
    if (inPath !== null) throw new AppError('not_found', 'Не найдено');
    for (const part of [request.query, request.body]) {
      const field = findForbiddenText(part);
      if (field !== null) {
        throw new AppError('invalid', FORBIDDEN_CHARS_MESSAGE, [
          { field: field || 'body', message: FORBIDDEN_CHARS_MESSAGE },
        ]);
      }
    }
  });
}

type Def = {
  type: string;
  catchall?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * The objects of a body schema that would accept (and drop) unknown keys, as paths: every
 * object of the contract's input is strict, so a misspelt field is an error, not a no-op.
 */
export function looseObjects(schema: z.ZodType, path = 'body', seen = new Set<z.ZodType>()) {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const walk = (inner: z.ZodType | undefined, at = path): string[] =>
    inner ? looseObjects(inner, at, seen) : [];
  switch (def.type) {
    case 'object': {
      const strict = def.catchall && defOf(def.catchall).type === 'never';
      return [
        ...(strict ? [] : [path]),
        ...Object.entries(def.shape ?? {}).flatMap(([key, s]) => walk(s, `${path}.${key}`)),
      ];
    }
    case 'pipe':
      return [...walk(def.in), ...walk(def.out)];
    case 'array':
      return walk(def.element, `${path}[]`);
    case 'union':
      return (def.options ?? []).flatMap((o) => walk(o));
    default:
      return walk(def.innerType);
  }
}

export function registerInputGuard(app: App) {
  registerStrictJsonParser(app);
  registerTextGuard(app);
  app.addHook('onRoute', (route) => {
    const body = route.schema?.body as z.ZodType | undefined;
    const loose = body ? looseObjects(body) : [];
    if (loose.length) {
      throw new Error(`${route.method} ${route.url}: body objects must be strict: ${loose}`);
    }
  });
}
