import { todayIso } from '@profreestr/contracts';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { applicationForm, submitApplication } from '../../test/application-fixture.js';
import { multipart } from '../../test/import-fixture.js';
import { createTestApp, type TestApp, USER_PASSWORD } from '../../test/test-app.js';
import { buildTree } from '../../test/tree-fixture.js';
import { until } from '../../test/until.js';
import { startMemberSession } from '../features/sessions/member-sessions.js';
import type { RouteEntry } from './http.js';

// The shape of an outside probe, kept as a test: every write route, every field of its body,
// a generated set of bad values (impossible dates, ids past bigint, control characters, broken
// surrogates, RTL marks, emoji, 1 MB strings, wrong types, deep JSON, extra fields), whole
// bodies that are not JSON objects or not UTF-8, bad path ids and bad query values on every
// route. Each field is varied inside an otherwise valid body, so a value that passes the
// schema really reaches the service and the database. Not one answer may be a 5xx.

const deep = (depth: number): unknown => {
  let value: unknown = 'дно';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

const badValues: readonly unknown[] = [
  // dates
  '1985-13-45',
  '2023-02-30',
  '0000-01-01',
  '1800-01-01',
  '9999-12-31',
  '275760-09-13',
  '+275760-09-13',
  '2024-1-1',
  '31.02.1990',
  // ids
  '9999999999999999999',
  '99999999999999999999999',
  '0',
  '-1',
  '1e3',
  // text
  '',
  '   ',
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udc00',
  '\u202eevil\u202c',
  '\u200b\u200d\ufeff',
  'Имя😀🎉👨‍👩‍👧',
  '\u0007\u001b[31m',
  'x'.repeat(100_000),
  'я'.repeat(600_000),
  "'; drop table members; --",
  '=HYPERLINK("http://example.invalid")',
  '<script>alert(1)</script>',
  '%00',
  '../../../etc/passwd',
  // wrong types
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  // Past Number.MAX_SAFE_INTEGER: JSON carries it, JavaScript rounds it.
  2 ** 53 + 2,
  true,
  false,
  null,
  [],
  [1, 2],
  {},
  { a: 1 },
  deep(1_000),
];
const shallowBadValues = badValues.filter(
  (v) => typeof v !== 'object' || v === null || JSON.stringify(v).length < 100,
);
/** A nesting deeper than any parser's recursion would take, written out as text. */
const deepJson = (depth: number) => `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;
/** Percent-encoding of any string, a lone surrogate as the bytes a careless client would send. */
const encodeQuery = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
};

type Body = Record<string, unknown>;

interface World {
  t: TestApp;
  cookie: string;
  /** A member's cabinet session, for the cabinet's routes. */
  memberCookie: string;
  newMemberSession: () => Promise<string>;
  /**
   * PROFCARDS partners' API keys: purchases are made under one, everything else is asked under
   * the other (any text is an externalId: a bad value the probe sent as one may well have been
   * recorded as a purchase, and must not be found by a refund probing bad path values).
   */
  partnerKeys: { buyer: string; other: string };
  ids: Record<string, string>;
  seq: () => number;
}

/**
 * A valid body for each write route, so that a varied field is the only thing wrong. A route
 * with a body but no entry here fails the coverage test below: new routes join the probe.
 */
/** A test with a question of each type: the probe's surveys (a draft, two published). */
const probeSurvey = (under: string) => ({
  title: 'Опрос пробы',
  kind: 'test',
  anonymous: true,
  audience: { kind: 'members', under },
  questions: [
    { code: 'q1', text: 'Один', type: 'single', options: ['Да', 'Нет'], correct: 'Да' },
    { code: 'q2', text: 'Несколько', type: 'multiple', options: ['А', 'Б', 'В'], required: false },
    { code: 'q3', text: 'Шкала', type: 'scale', min: 1, max: 5, required: false },
    { code: 'q4', text: 'Текст', type: 'text', required: false },
  ],
  opensAt: '2025-01-01T00:00:00+03:00',
  closesAt: '2099-01-01T00:00:00+03:00',
});
const probeAnswers = () => ({ answers: { q1: 'Да', q2: ['А', 'В'], q3: 4, q4: 'Проба' } });

const validBodies: Record<string, (w: World) => Body> = {
  'POST /api/v1/auth/login': () => ({ login: 'probe-viewer', password: USER_PASSWORD }),
  'POST /api/v1/mail/bounces': () => ({ messageId: '<probe@union.example>', type: 'soft' }),
  'POST /api/v1/cabinet/auth/code': () => ({ email: 'probe@example.org' }),
  'POST /api/v1/cabinet/auth/login': () => ({ email: 'probe@example.org', code: '123456' }),
  'PATCH /api/v1/cabinet/me': () => ({
    phone: '+79123456789',
    address: 'г. Энск, ул. Пробная, 1',
    notify: { email: true },
  }),
  'POST /api/v1/cabinet/consents': () => ({ kind: 'notify_sms', granted: true }),
  'POST /api/v1/email/confirm': () => ({ token: 'probe-token-not-issued-0123456789' }),
  'POST /api/v1/mailings': (w) => ({
    subject: 'Проба',
    body: 'Текст пробы',
    audience: { kind: 'members', under: w.ids.territorial as string },
  }),
  'POST /api/v1/auth/password': () => ({
    currentPassword: 'not-the-password',
    newPassword: 'a-new-long-password',
  }),
  'POST /api/v1/auth/mfa/verify': () => ({ code: '123456' }),
  'POST /api/v1/auth/mfa/enable': () => ({ code: '123456' }),
  'POST /api/v1/auth/mfa/disable': () => ({ code: '123456' }),
  'POST /api/v1/auth/mfa/recovery-codes': () => ({ code: '123456' }),
  'POST /api/v1/users': (w) => ({
    login: `probe${w.seq()}`,
    password: USER_PASSWORD,
    role: 'viewer',
    orgId: w.ids.primary,
    fullName: 'Проба Пробная',
  }),
  'PATCH /api/v1/users/:id': () => ({ fullName: 'Проба Изменённая' }),
  // The probe user's own password again: signing in as them keeps working.
  'POST /api/v1/users/:id/password': () => ({ password: USER_PASSWORD }),
  'POST /api/v1/orgs': (w) => ({
    code: `PR-${w.seq()}`,
    level: 'primary',
    parentId: w.ids.territorial,
    name: 'ППО пробы',
  }),
  'PATCH /api/v1/orgs/:id': () => ({
    name: 'ППО пробы',
    foundedOn: '2001-01-01',
    chairman: { lastName: 'Пробов', electedOn: '2020-01-01', phone: '+79123456789' },
    eduOrg: { name: 'Школа', employees: 10 },
    contacts: { email: 'ppo@example.ru' },
  }),
  'POST /api/v1/orgs/:id/move': (w) => ({ parentId: w.ids.territorial }),
  'POST /api/v1/orgs/:id/merge': (w) => ({ intoId: w.ids.primary, on: todayIso() }),
  'POST /api/v1/orgs/:id/liquidate': () => ({ on: todayIso(), note: 'Проба' }),
  'POST /api/v1/orgs/:id/activists': () => ({
    role: 'committee_member',
    lastName: 'Пробова',
    firstName: 'Анна',
  }),
  'PATCH /api/v1/orgs/:id/activists/:partId': () => ({ note: 'Проба' }),
  'POST /api/v1/orgs/:id/staff': () => ({
    position: 'Бухгалтер',
    lastName: 'Проба',
    firstName: 'Ольга',
  }),
  'PATCH /api/v1/orgs/:id/staff/:partId': () => ({ position: 'Кассир' }),
  'POST /api/v1/orgs/:id/events': () => ({ date: todayIso(), title: 'Собрание', kind: 'meeting' }),
  'PATCH /api/v1/orgs/:id/events/:partId': () => ({ title: 'Собрание профгруппы' }),
  'POST /api/v1/members': (w) => ({
    orgId: w.ids.primary,
    lastName: `Пробов${'а'.repeat(w.seq() % 7)}`,
    firstName: 'Иван',
    birthDate: '1980-05-06',
    joinedOn: '2001-01-01',
    pdConsent: { givenOn: '2020-01-01', version: '1' },
    notify: { email: true },
  }),
  'PATCH /api/v1/members/:id': () => ({
    workplace: 'Школа № 1',
    birthDate: '1980-05-06',
    pdConsent: { givenOn: '2020-01-01', version: '2' },
    notify: { sms: true },
  }),
  'POST /api/v1/members/:id/transfer': (w) => ({ toOrgId: w.ids.primary2, on: todayIso() }),
  'POST /api/v1/members/:id/deregister': () => ({
    on: todayIso(),
    reason: 'own_wish',
    note: 'Проба',
  }),
  'POST /api/v1/members/:id/readmit': (w) => ({ orgId: w.ids.primary, on: todayIso() }),
  // Merging a card with itself and dismissing a one-card group are refused by the service:
  // the probe's values still reach it.
  'POST /api/v1/members/:id/merge': (w) => ({ duplicateId: w.ids.member }),
  'POST /api/v1/members/duplicates/dismiss': (w) => ({ memberIds: [w.ids.member] }),
  // The public form (a person of their own each time) and the decisions on one application.
  'POST /api/v1/applications': (w) => applicationForm(w.ids.primary as string),
  'POST /api/v1/applications/:id/confirm': () => ({ code: '123456' }),
  'POST /api/v1/applications/:id/accept': () => ({}),
  'POST /api/v1/applications/:id/reject': () => ({ reason: 'Проба' }),
  // Statistical reports: a form of the centre's own, so the centre's admin fills its report.
  'POST /api/v1/report-forms': (w) => probeForm(`probe${w.seq()}`),
  'POST /api/v1/report-campaigns': (w) => {
    const day = new Date(Date.UTC(2003, 0, 1) + w.seq() * 86_400_000).toISOString().slice(0, 10);
    return { formCode: '5sp', asOf: day, deadline: day, under: w.ids.primary };
  },
  'POST /api/v1/report-campaigns/:id/remind': () => ({}),
  'PATCH /api/v1/reports/:id': () => ({ values: { n: 5 } }),
  'POST /api/v1/reports/:id/return': () => ({ comment: 'Проба' }),
  // E-card: blocking the probe member's card (with a reissue), a batch of the primary, moving
  // the status of the probe's batch.
  'POST /api/v1/members/:id/cards/:cardId/block': () => ({ reason: 'lost', reissue: true }),
  'POST /api/v1/card-batches': (w) => ({ under: w.ids.primary }),
  'POST /api/v1/card-batches/:id/status': () => ({ status: 'produced' }),
  // PROFCARDS: a partner of the centre's, and purchases on a card in the programme.
  'POST /api/v1/partners': (w) => ({ name: `Партнёр пробы ${w.seq()}`, cashbackPercent: 3.5 }),
  'POST /api/v1/partners/:id/rates': () => ({ cashbackPercent: 4.25 }),
  'POST /api/v1/partner/purchases': (w) => ({
    cardNumber: w.ids.bonusCard,
    amount: 12_345,
    purchasedAt: new Date(Date.now() - 60_000).toISOString(),
    externalId: `probe-${w.seq()}`,
  }),
  // Surveys: a draft of the territorial org is changed; the answers go to published surveys
  // the cabinet's member and the centre (the probe's admin, as a chairman) are invited to.
  'POST /api/v1/surveys': (w) => probeSurvey(w.ids.territorial as string),
  'PATCH /api/v1/surveys/:id': () => ({
    title: 'Опрос пробы',
    closesAt: '2099-06-01T00:00:00+03:00',
  }),
  'POST /api/v1/surveys/:id/responses': probeAnswers,
  'POST /api/v1/cabinet/surveys/:id/responses': probeAnswers,
  // Social support: a benefit of the territorial org (the cabinet's member is below it), the
  // member's request for it (again: 409, one waits already), a decision on another's request.
  'POST /api/v1/benefits': (w) => ({
    orgId: w.ids.territorial,
    title: 'Материальная помощь',
    description: 'Пробная льгота',
    kind: 'payment',
    conditions: 'Стаж в Профсоюзе от года',
    activeFrom: todayIso(),
    activeTo: '2099-12-31',
  }),
  'PATCH /api/v1/benefits/:id': () => ({ title: 'Материальная помощь', conditions: 'Проба' }),
  'POST /api/v1/cabinet/aid-requests': (w) => ({
    benefitId: w.ids.benefit,
    text: 'Прошу помочь',
    amount: 1234.56,
  }),
  'POST /api/v1/aid-requests/:id/decide': () => ({
    decision: 'approved',
    amount: 1000.5,
    comment: 'Проба',
  }),
};

function probeForm(code: string, orgLevel = 'primary') {
  return {
    code,
    title: 'Проверочная форма',
    orgLevel,
    sections: [
      {
        title: 'Раздел',
        rows: [
          { code: 'r', title: 'Строка', cells: [{ code: 'n', title: 'Число', type: 'integer' }] },
        ],
      },
    ],
    rules: [{ code: 'n_small', expr: 'n <= 1000', message: 'Слишком много', severity: 'error' }],
  };
}

/** Which record each path parameter names in the probe. */
const paramValue = (w: World, url: string, param: string): string => {
  if (param === 'kind') return 'members';
  if (param === 'cardId') return w.ids.card as string;
  if (url.startsWith('/api/v1/card-batches/')) return w.ids.cardBatch as string;
  if (param === 'partId') {
    const kind = /\/orgs\/:id\/(\w+)\//.exec(url)?.[1] ?? 'activists';
    return w.ids[kind] as string;
  }
  if (url.startsWith('/api/v1/members/')) return w.ids.member as string;
  if (url.startsWith('/api/v1/users/')) return w.ids.user as string;
  if (url.startsWith('/api/v1/imports/')) return w.ids.import as string;
  if (url.startsWith('/api/v1/applications/')) return w.ids.application as string;
  if (url.startsWith('/api/v1/report-campaigns/')) return w.ids.campaign as string;
  if (url.startsWith('/api/v1/reports/')) return w.ids.report as string;
  if (url.startsWith('/api/v1/report-forms/')) return '5sp';
  if (url.startsWith('/api/v1/partners/')) return w.ids.partner as string;
  if (url.startsWith('/api/v1/cabinet/surveys/')) return w.ids.memberSurvey as string;
  if (url === '/api/v1/surveys/:id/responses' || url === '/api/v1/surveys/assigned/:id') {
    return w.ids.chairmanSurvey as string;
  }
  if (url.startsWith('/api/v1/surveys/')) return w.ids.survey as string;
  if (url.startsWith('/api/v1/benefits/')) return w.ids.benefit as string;
  if (url.startsWith('/api/v1/aid-requests/')) return w.ids.aidRequest as string;
  if (param === 'cardNumber') return w.ids.bonusCard as string;
  if (param === 'externalId') return w.ids.purchase as string;
  if (param === 'token') return 'PRF1.2000000000000009.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  if (/\/orgs\/:id\/(move|merge|liquidate)$/.test(url)) return w.ids.spare as string;
  return w.ids.primary as string;
};

const fillPath = (w: World, url: string, override?: [string, string]) =>
  url.replace(/:(\w+)/g, (_, name: string) =>
    override && override[0] === name ? override[1] : paramValue(w, url, name),
  );

/** Object fields of a body schema as paths (`chairman.phone`), nested objects included. */
function fieldPaths(schema: z.ZodType, prefix: string[] = []): string[][] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const inner = (def.innerType ?? def.out ?? def.in) as z.ZodType | undefined;
  if (def.type !== 'object') return inner ? fieldPaths(inner, prefix) : [];
  return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, value]) => [
    [...prefix, key],
    ...fieldPaths(value, [...prefix, key]).filter((p) => p.length > prefix.length + 1),
  ]);
}

function withValue(body: Body, path: string[], value: unknown): Body {
  const copy: Body = structuredClone(body);
  let node = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Body;
  }
  node[path.at(-1) as string] = value;
  return copy;
}

let w: World;
let routes: RouteEntry[];
const WEBHOOK_TOKEN = 'probe-webhook-token-0123456789';
const failures: string[] = [];
let requests = 0;

async function send(
  method: string,
  url: string,
  payload?: { json?: unknown; raw?: Buffer | string; contentType?: string },
): Promise<LightMyRequestResponse> {
  requests++;
  // The cabinet's routes answer a member's session; sign-in itself, anyone's.
  const inCabinet = url.startsWith('/api/v1/cabinet/') && !url.startsWith('/api/v1/cabinet/auth/');
  const headers: Record<string, string> = { cookie: inCabinet ? w.memberCookie : w.cookie };
  // The mail service's webhook answers its token, not the session.
  if (url === '/api/v1/mail/bounces') headers.authorization = `Bearer ${WEBHOOK_TOKEN}`;
  // A partner's routes answer its API key.
  if (url.startsWith('/api/v1/partner/')) {
    const key = url === '/api/v1/partner/purchases' ? w.partnerKeys.buyer : w.partnerKeys.other;
    headers.authorization = `Bearer ${key}`;
  }
  if (payload) headers['content-type'] = payload.contentType ?? 'application/json';
  const response = await w.t.app.inject({
    method: method as 'POST',
    url,
    headers,
    ...(payload ? { payload: payload.raw ?? JSON.stringify(payload.json) } : {}),
  });
  if (response.statusCode >= 500) {
    const sent = payload?.raw ?? JSON.stringify(payload?.json) ?? '';
    failures.push(
      `${method} ${url} ${JSON.stringify(String(sent).slice(0, 300))} → ${response.statusCode}`,
    );
  } else if (response.statusCode >= 400 && !response.json().error?.code) {
    failures.push(`${method} ${url} → ${response.statusCode} without the error body`);
  }
  // A probe that signed the session out signs in again.
  if (response.statusCode === 401 && inCabinet) {
    w.memberCookie = await w.newMemberSession();
  } else if (response.statusCode === 401 && !url.endsWith('/auth/login')) {
    w.cookie = await w.t.login('admin');
  }
  return response;
}

const writeRoutes = () =>
  routes.filter(
    (r) => r.url.startsWith('/api/v1/') && ['POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method),
  );

beforeAll(async () => {
  // The probe sends thousands of requests through one session.
  const t = await createTestApp({
    security: { apiRequestsPerMinute: 1_000_000 },
    mail: { webhookToken: WEBHOOK_TOKEN },
    bonus: { partnerRequestsPerSecond: 1_000_000, partnerBurst: 1_000_000 },
  });
  const tree = await buildTree(t);
  let n = 0;
  // The cabinet's member: a card of their own (the probe deregisters the other one).
  const cabinetMember = (
    await t.api('POST', '/api/v1/members', {
      cookie: tree.admin,
      body: { orgId: tree.orgs.primaryA2.id, lastName: 'Кабинетная', firstName: 'Вера' },
    })
  ).json() as { id: string };
  const newMemberSession = async () => {
    const meta = { ip: null, userAgent: null, now: new Date() };
    const { token } = await startMemberSession(t.database.db, cabinetMember.id, meta);
    return `prf_member=${token}`;
  };
  // A member of the PROFCARDS programme with a live card, and a partner with a purchase.
  const bonusMember = (
    await t.api('POST', '/api/v1/members', {
      cookie: tree.admin,
      body: { orgId: tree.orgs.primaryA2.id, lastName: 'Бонусная', firstName: 'Вера' },
    })
  ).json() as { id: string; cardNumber: string };
  await t.database.query(
    `update members set bonus_programme = true, bonus_since = now() - interval '1 year'
      where id = $1`,
    [bonusMember.id],
  );
  await t.database.query(
    `insert into cards (member_id, kind, status, org_path, ordered_on)
     select id, 'virtual', 'active', org_path, current_date from members where id = $1`,
    [bonusMember.id],
  );
  const newPartner = async (name: string) =>
    (
      await t.api('POST', '/api/v1/partners', {
        cookie: tree.admin,
        body: { name, cashbackPercent: 3.5 },
      })
    ).json() as { partner: { id: string }; apiKey: string };
  const partner = await newPartner('Партнёр пробы');
  const otherPartner = await newPartner('Другой партнёр пробы');
  await t.api('POST', '/api/v1/partner/purchases', {
    headers: { authorization: `Bearer ${otherPartner.apiKey}` },
    body: {
      cardNumber: bonusMember.cardNumber,
      amount: 100,
      purchasedAt: new Date(Date.now() - 60_000).toISOString(),
      externalId: 'probe-purchase',
    },
  });
  const world: World = {
    t,
    cookie: tree.admin,
    memberCookie: await newMemberSession(),
    newMemberSession,
    partnerKeys: { buyer: partner.apiKey, other: otherPartner.apiKey },
    ids: {},
    seq: () => ++n,
  };
  const ok = async (method: string, url: string, body: unknown) => {
    const response = await t.api(method as 'POST', url, { cookie: tree.admin, body });
    if (response.statusCode >= 300) throw new Error(`${url}: ${response.body}`);
    return response.json() as { id: string; user?: { id: string } };
  };
  const { primaryA1, primaryA2, terrA } = tree.orgs;
  const member = await ok('POST', '/api/v1/members', {
    orgId: primaryA1.id,
    lastName: 'Образцова',
    firstName: 'Анна',
    birthDate: '1985-03-04',
  });
  const spare = await ok('POST', '/api/v1/orgs', {
    code: 'SPARE',
    level: 'primary',
    parentId: terrA.id,
    name: 'ППО для переноса',
  });
  const user = await tree.user('probe-viewer', 'viewer', primaryA1.id);
  const application = await submitApplication(t, primaryA1.id);
  const parts: Record<string, string> = {};
  for (const [kind, body] of Object.entries({
    activists: { role: 'committee_member', lastName: 'Активная', firstName: 'Анна' },
    staff: { position: 'Бухгалтер', lastName: 'Штатная', firstName: 'Ольга' },
    events: { date: todayIso(), title: 'Собрание', kind: 'meeting' },
  })) {
    parts[kind] = (await ok('POST', `/api/v1/orgs/${primaryA1.id}/${kind}`, body)).id;
  }
  const form = multipart(
    { kind: 'members', orgId: primaryA1.id },
    { name: 'm.csv', content: 'Код организации;Фамилия;Имя\r\nP-A1;Загрузкина;Анна\r\n' },
  );
  const upload = await t.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { cookie: tree.admin, 'content-type': form.contentType },
    payload: form.body,
  });
  // A report of the centre's own (its admin fills it) in a campaign over the whole union.
  await ok('POST', '/api/v1/report-forms', probeForm('probe_central', 'central'));
  const campaign = await ok('POST', '/api/v1/report-campaigns', {
    formCode: 'probe_central',
    asOf: '2002-01-01',
    deadline: '2002-03-01',
    under: tree.centralId,
  });
  const reportPage = await until(
    async () =>
      (
        await t.api('GET', `/api/v1/reports?campaignId=${campaign.id}`, { cookie: tree.admin })
      ).json(),
    (page: { items: unknown[] }) => page.items.length > 0,
  );
  // A delivered plastic card of the probe's member (handed over, blocked and reissued by the
  // probe) and a producer's batch of its primary, made in the database (no job).
  const [card] = (await t.database.query(
    `insert into cards (member_id, kind, status, org_path, ordered_on, produced_on, delivered_on)
     select id, 'plastic', 'delivered', org_path, current_date, current_date, current_date
       from members where id = $1 returning id`,
    [member.id],
  )) as { id: string }[];
  const [cardBatch] = (await t.database.query(
    `insert into card_batches (org_id, org_path, status) select id, path, 'ordered' from orgs
      where id = $1 returning id`,
    [primaryA1.id],
  )) as { id: string }[];
  // A benefit of the territorial org, asked for by the probe's member in primaryA1 (the
  // cabinet's member asks for it in the probe itself).
  const [benefit] = (await t.database.query(
    `insert into benefits (org_id, title, kind, active_from)
     values ($1, 'Льгота пробы', 'payment', current_date) returning id`,
    [terrA.id],
  )) as { id: string }[];
  const [aidRequest] = (await t.database.query(
    `insert into aid_requests (benefit_id, member_id, text) values ($1, $2, 'Прошу') returning id`,
    [benefit?.id, member.id],
  )) as { id: string }[];
  // Surveys: a draft, and published tests the cabinet's member and the centre are invited to.
  const draftSurvey = await ok('POST', '/api/v1/surveys', probeSurvey(terrA.id));
  const publishedSurvey = async (respondent: 'member' | 'chairman', personId: string) => {
    const [row] = (await t.database.query(
      `insert into surveys (title, kind, anonymous, audience, respondent_kind, org_id, org_path,
         questions, opens_at, closes_at, status, published_at)
       select 'Опрос пробы', 'test', true, $2::jsonb, $3, id, path, $4::jsonb,
         now() - interval '1 day', now() + interval '30 days', 'published', now()
         from orgs where id = $1 returning id`,
      [
        tree.centralId,
        JSON.stringify({
          kind: respondent === 'member' ? 'members' : 'chairmen',
          under: tree.centralId,
        }),
        respondent,
        JSON.stringify(probeSurvey(tree.centralId).questions),
      ],
    )) as { id: string }[];
    await t.database.query(
      'insert into survey_invitees (survey_id, person_id, org_id) values ($1, $2, $3)',
      [row?.id, personId, tree.centralId],
    );
    return String(row?.id);
  };
  world.ids = {
    survey: draftSurvey.id,
    memberSurvey: await publishedSurvey('member', cabinetMember.id),
    chairmanSurvey: await publishedSurvey('chairman', tree.centralId),
    benefit: String(benefit?.id),
    aidRequest: String(aidRequest?.id),
    campaign: campaign.id,
    report: (reportPage.items[0] as { id: string }).id,
    primary: primaryA1.id,
    primary2: primaryA2.id,
    territorial: terrA.id,
    member: member.id,
    spare: spare.id,
    user: user.id,
    import: upload.json().id,
    application: application.id,
    card: String(card?.id),
    cardBatch: String(cardBatch?.id),
    partner: partner.partner.id,
    bonusCard: bonusMember.cardNumber,
    purchase: 'probe-purchase',
    ...parts,
  };
  w = world;
  routes = [...t.app.routeTable];
}, 120_000);

afterAll(async () => {
  await w?.t.close();
});

describe('generated bad input on every route: never a 5xx', () => {
  it('every write route with a body has a valid body in the probe', () => {
    const missing = writeRoutes()
      .filter((r) => r.schema?.body && !validBodies[`${r.method} ${r.url}`])
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('each valid probe body is accepted as it is (the probe varies one thing at a time)', async () => {
    for (const route of writeRoutes()) {
      const valid = validBodies[`${route.method} ${route.url}`];
      if (
        !valid ||
        // Changes of state a second call refuses, and single-use links (e-mail confirmation).
        /move|merge|liquidate|transfer|deregister|readmit|dismiss|password|auth\/|email\/confirm|applications\/:id\/|reports\/:id\/|cards\/:cardId|card-batches|decide|responses/.test(
          route.url,
        )
      ) {
        continue;
      }
      const response = await send(route.method, fillPath(w, route.url), { json: valid(w) });
      expect(response.statusCode, `${route.method} ${route.url}: ${response.body}`).toBeLessThan(
        300,
      );
    }
  });

  it('every field of every write route, with each bad value', { timeout: 600_000 }, async () => {
    for (const route of writeRoutes()) {
      const valid = validBodies[`${route.method} ${route.url}`];
      const schema = route.schema?.body as z.ZodType | undefined;
      if (!valid || !schema) continue;
      for (const path of fieldPaths(schema)) {
        for (const value of badValues) {
          await send(route.method, fillPath(w, route.url), {
            json: withValue(valid(w), path, value),
          });
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('random bodies from the bad values and arbitrary JSON (fast-check)', {
    timeout: 600_000,
  }, async () => {
    const jsonish = fc.oneof(
      fc.constantFrom(...shallowBadValues.filter((v) => typeof v !== 'string' || v.length < 1_000)),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc.jsonValue({ maxDepth: 4 }),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
    );
    for (const route of writeRoutes()) {
      const valid = validBodies[`${route.method} ${route.url}`];
      const schema = route.schema?.body as z.ZodType | undefined;
      if (!valid || !schema) continue;
      const paths = fieldPaths(schema);
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.constantFrom(...paths), jsonish), { minLength: 1, maxLength: 4 }),
          fc.boolean(),
          async (changes, extraField) => {
            let body = valid(w);
            for (const [path, value] of changes) body = withValue(body, path, value);
            if (extraField) body = { ...body, probeExtra: 1 };
            const before = failures.length;
            const response = await send(route.method, fillPath(w, route.url), { json: body });
            if (extraField) expect(response.statusCode).toBeGreaterThanOrEqual(400);
            expect(failures.length).toBe(before);
          },
        ),
        { numRuns: 40 },
      );
    }
    expect(failures).toEqual([]);
  });

  it('whole bodies that are no JSON object, not UTF-8, too deep or too large', {
    timeout: 300_000,
  }, async () => {
    const bodies: { raw: Buffer | string; status: number[] }[] = [
      { raw: '[1,2]', status: [422] },
      { raw: '"строка"', status: [422] },
      { raw: '42', status: [422] },
      { raw: 'null', status: [400, 422] },
      { raw: '{', status: [400] },
      { raw: '{"a":1,}', status: [400] },
      {
        raw: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]),
        status: [400],
      },
      { raw: Buffer.from('{"name":"\xc0\xaf"}', 'latin1'), status: [400] },
      { raw: '{"__proto__":{"admin":true}}', status: [400, 422] },
      { raw: deepJson(100_000), status: [400, 413, 422] },
      { raw: `{"a":"${'я'.repeat(700_000)}"}`, status: [413] },
    ];
    for (const route of writeRoutes()) {
      if (route.url.includes('logout') || !route.schema?.body) continue;
      for (const { raw, status } of bodies) {
        const response = await send(route.method, fillPath(w, route.url), { raw });
        expect(
          status,
          `${route.method} ${route.url} ${String(raw).slice(0, 30)}: ${response.body.slice(0, 200)}`,
        ).toContain(response.statusCode);
      }
    }
    expect(failures).toEqual([]);
  });

  it('bad path ids and bad query values on every route', { timeout: 600_000 }, async () => {
    const badIds = [
      '9999999999999999999',
      '0',
      '-1',
      'abc',
      '1.5',
      '%00',
      '%FF',
      '%ED%A0%80',
      "1'",
      '1%20or%201=1',
    ];
    for (const route of routes.filter((r) => r.url.startsWith('/api/v1/'))) {
      if (route.url.includes('logout')) continue;
      for (const [, param] of route.url.matchAll(/:(\w+)/g)) {
        for (const bad of badIds) {
          const response = await send(route.method, fillPath(w, route.url, [param as string, bad]));
          expect([400, 401, 404, 422], `${route.method} ${route.url} ${param}=${bad}`).toContain(
            response.statusCode,
          );
        }
      }
      const query = route.schema?.querystring as z.ZodType | undefined;
      if (route.method !== 'GET' || !query) continue;
      for (const [key] of fieldPaths(query)) {
        for (const value of [
          ...badValues.filter((v) => typeof v === 'string' && v.length < 1_000),
          '%FF',
          '%C0%AF',
        ]) {
          const encoded = String(value).startsWith('%')
            ? String(value)
            : encodeQuery(String(value));
          await send('GET', `${fillPath(w, route.url)}?${key}=${encoded}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('forged keyset cursors on every paged route: a 422, never a query the database refuses', {
    timeout: 300_000,
  }, async () => {
    const slots: unknown[] = [
      'a',
      '\u0000',
      'not-a-date',
      '2024-13-45',
      '0000-01-01',
      '',
      '1',
      '0',
      '9999999999999999999',
      1.5,
      1e300,
      -1,
      null,
      true,
      [],
      {},
      'x'.repeat(5_000),
    ];
    // The shapes of real cursors with contents the database would refuse, then random ones.
    const shaped = [
      ['a', 'not-a-date'],
      ['\u0000', '1'],
      ['a', '\u0000', '1'],
      [1.5, 'a', '1'],
      [1e300, 'a', '1'],
      [0, 'a', 'x'],
      ['name', '2024-13-45', 'x', '1'],
      ['birthDate', '0000-01-01', '1.', '1'],
      ['2024-13-45T00:00:00.000000Z', '1'],
      ['x', '9999999999999999999'],
    ];
    const forged: string[] = [
      ...shaped.map((values) => Buffer.from(JSON.stringify(values)).toString('base64url')),
      'garbage',
      '%%%',
      Buffer.from('not json').toString('base64url'),
      Buffer.from('{}').toString('base64url'),
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...slots), { minLength: 0, maxLength: 5 }), (values) => {
        forged.push(Buffer.from(JSON.stringify(values)).toString('base64url'));
      }),
      { numRuns: 150, seed: 42 },
    );
    for (const route of routes.filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/'))) {
      const query = route.schema?.querystring as z.ZodType | undefined;
      if (!query || !fieldPaths(query).some(([key]) => key === 'cursor')) continue;
      for (const cursor of forged) {
        const response = await send(
          'GET',
          `${fillPath(w, route.url)}?cursor=${encodeURIComponent(cursor)}`,
        );
        expect(response.statusCode, `${route.url} ${cursor}`).toBeLessThan(500);
      }
    }
    expect(failures).toEqual([]);
  });

  it('the multipart upload with bad fields and file names', { timeout: 120_000 }, async () => {
    const names = [
      'a\u0000.csv',
      '\ud800.csv',
      '😀.csv',
      `${'я'.repeat(5_000)}.csv`,
      '../../x.csv',
      '',
    ];
    const kinds = ['members', 'orgs', 'x', '', 'a\u0000'];
    const orgIds = [w.ids.primary as string, '9999999999999999999', 'abc', '', '\ud800'];
    for (const name of names) {
      for (const kind of kinds) {
        for (const orgId of orgIds) {
          const form = multipart(
            { kind, orgId },
            { name, content: 'Код организации;Фамилия;Имя\r\n' },
          );
          await send('POST', '/api/v1/imports', { raw: form.body, contentType: form.contentType });
        }
      }
    }
    expect(failures).toEqual([]);
    // Sanity: the probe really sent what it claims.
    expect(requests).toBeGreaterThan(10_000);
  });
});
