import {
  activistInputSchema,
  activistPatchSchema,
  activistSchema,
  eventInputSchema,
  eventPatchSchema,
  idParamsSchema,
  orgEventSchema,
  orgPartParamsSchema,
  pageOf,
  pageQuerySchema,
  staffInputSchema,
  staffMemberSchema,
  staffPatchSchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { type App, ctxOf, staff } from '../../lib/http.js';
import {
  activistKind,
  addPart,
  changePart,
  eventKind,
  listParts,
  removePart,
  staffKind,
} from './org-parts.service.js';

/** The same four routes for each list of the passport. */
function registerPartRoutes(
  app: App,
  db: Kysely<Database>,
  spec: {
    path: string;
    title: string;
    kind: typeof activistKind | typeof staffKind | typeof eventKind;
    item: z.ZodType;
    input: z.ZodType<object>;
    patch: z.ZodType<object>;
  },
) {
  const base = `/api/v1/orgs/:id/${spec.path}`;
  const tags = ['orgs'];
  // The kinds differ only in their row type; the service is generic over it.
  const kind = spec.kind as typeof activistKind;
  app.get(
    base,
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: `${spec.title}: список`,
        params: idParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: pageOf(spec.item) },
      },
    },
    async (request) => listParts(ctxOf(request, db), kind, request.params.id, request.query),
  );
  app.post(
    base,
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: `${spec.title}: добавить`,
        params: idParamsSchema,
        body: spec.input,
        response: { 201: spec.item },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await addPart(ctxOf(request, db), kind, request.params.id, request.body)),
  );
  app.patch(
    `${base}/:partId`,
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: `${spec.title}: изменить`,
        params: orgPartParamsSchema,
        body: spec.patch,
        response: { 200: spec.item },
      },
    },
    async (request) =>
      changePart(ctxOf(request, db), kind, request.params.id, request.params.partId, request.body),
  );
  app.delete(
    `${base}/:partId`,
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: `${spec.title}: удалить`,
        params: orgPartParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removePart(ctxOf(request, db), kind, request.params.id, request.params.partId);
      return reply.code(204).send(null);
    },
  );
}

export function registerOrgPartRoutes(app: App, db: Kysely<Database>) {
  registerPartRoutes(app, db, {
    path: 'activists',
    title: 'Профактив',
    kind: activistKind,
    item: activistSchema,
    input: activistInputSchema,
    patch: activistPatchSchema,
  });
  registerPartRoutes(app, db, {
    path: 'staff',
    title: 'Штат',
    kind: staffKind,
    item: staffMemberSchema,
    input: staffInputSchema,
    patch: staffPatchSchema,
  });
  registerPartRoutes(app, db, {
    path: 'events',
    title: 'Мероприятия',
    kind: eventKind,
    item: orgEventSchema,
    input: eventInputSchema,
    patch: eventPatchSchema,
  });
}
