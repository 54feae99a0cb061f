import type { AidRequest, Benefit, Member } from '@profreestr/contracts';
import { todayIso } from '@profreestr/contracts';
import { startMemberSession } from '../src/features/sessions/member-sessions.js';
import { putOnRecord } from './member-fixture.js';
import { createTestApp } from './test-app.js';
import { buildTree } from './tree-fixture.js';

// Social support in tests: the tree, its staff (editors and viewers at each level), members
// with cabinet sessions, and short ways to add benefits, ask for aid and decide.
//
//   central ─ regionA ─ terrA ─ primaryA1, primaryA2
//           └ regionB ─ terrB ─ primaryB1

export type SupportWorld = Awaited<ReturnType<typeof buildSupportWorld>>;

export async function buildSupportWorld() {
  const t = await createTestApp();
  const tree = await buildTree(t);
  const { orgs } = tree;
  const staff = async (login: string, role: 'viewer' | 'editor' | 'admin', orgId: string) => {
    await tree.user(login, role, orgId);
    return t.login(login);
  };
  const cookies = {
    admin: tree.admin,
    chairA1: await staff('ss-chair-a1', 'editor', orgs.primaryA1.id),
    viewerA1: await staff('ss-viewer-a1', 'viewer', orgs.primaryA1.id),
    chairB1: await staff('ss-chair-b1', 'editor', orgs.primaryB1.id),
    editorTerrA: await staff('ss-editor-ta', 'editor', orgs.terrA.id),
    viewerTerrA: await staff('ss-viewer-ta', 'viewer', orgs.terrA.id),
    editorRegionB: await staff('ss-editor-rb', 'editor', orgs.regionB.id),
  };

  const api = (method: 'GET' | 'POST' | 'PATCH', cookie: string, url: string, body?: unknown) =>
    t.api(method, `/api/v1${url}`, { cookie, ...(body === undefined ? {} : { body }) });

  let people = 0;
  /** A member on record (with an e-mail) and a cabinet session of theirs. */
  const member = async (orgId: string, lastName = `Помощина${'а'.repeat(++people)}`) => {
    const card: Member = await putOnRecord(t, tree.admin, {
      orgId,
      lastName,
      firstName: 'Анна',
      middleName: 'Петровна',
      email: `aid${people}.${Date.now()}@example.org`,
    });
    const meta = { ip: null, userAgent: null, now: new Date() };
    const session = await startMemberSession(t.database.db, card.id, meta);
    return { card, cookie: `prf_member=${session.token}` };
  };

  /** A benefit offered by `orgId` (from today, unless told), added by `cookie`. */
  const benefit = async (cookie: string, orgId: string, extra: Record<string, unknown> = {}) => {
    const response = await api('POST', cookie, '/benefits', {
      orgId,
      title: 'Материальная помощь',
      kind: 'payment',
      activeFrom: todayIso(),
      ...extra,
    });
    if (response.statusCode !== 201) throw new Error(`benefit: ${response.body}`);
    return response.json() as Benefit;
  };

  /** The member's request for a benefit: the response, to check its status. */
  const ask = (cookie: string, body: Record<string, unknown>) =>
    api('POST', cookie, '/cabinet/aid-requests', { text: 'Прошу оказать помощь', ...body });

  /** A request made and answered 201: its id. */
  const request = async (
    cookie: string,
    benefitId: string,
    extra: Record<string, unknown> = {},
  ) => {
    const response = await ask(cookie, { benefitId, ...extra });
    if (response.statusCode !== 201) throw new Error(`request: ${response.body}`);
    return (response.json() as { id: string }).id;
  };

  const decide = (cookie: string, id: string, body: Record<string, unknown>) =>
    api('POST', cookie, `/aid-requests/${id}/decide`, body);

  const read = async (cookie: string, id: string) =>
    (await api('GET', cookie, `/aid-requests/${id}`)).json() as AidRequest;

  const rows = async <T>(text: string, params: unknown[] = []) =>
    (await t.database.query(text, params)) as T[];

  return { t, tree, orgs, cookies, api, member, benefit, ask, request, decide, read, rows };
}
