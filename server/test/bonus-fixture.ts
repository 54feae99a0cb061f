import { luhnCheckDigit, type Member } from '@profreestr/contracts';
import { sql } from 'kysely';
import { startMemberSession } from '../src/features/sessions/member-sessions.js';
import { putOnRecord } from './member-fixture.js';
import { createTestApp, type TestApp } from './test-app.js';
import { buildTree } from './tree-fixture.js';

// PROFCARDS in tests: a tree, members in the programme with a live card, partners with keys.

export type Tree = Awaited<ReturnType<typeof buildTree>>;

export interface BonusWorld {
  t: TestApp;
  tree: Tree;
  /** A member on record in primaryA1, in the programme since a year ago, with a virtual card. */
  member(lastName: string, orgId?: string): Promise<Member>;
  /** A partner made by the centre's admin: its id and the key shown once. */
  partner(name: string, cashbackPercent?: number): Promise<{ id: string; apiKey: string }>;
  /** Calls a partner route with the key. */
  call(
    method: 'GET' | 'POST',
    url: string,
    apiKey: string,
    body?: unknown,
  ): ReturnType<TestApp['api']>;
  /** A purchase through the partner's API (201 or 200). */
  buy(
    apiKey: string,
    body: { cardNumber: string; amount: number; purchasedAt?: string; externalId: string },
  ): ReturnType<TestApp['api']>;
  memberCookie(memberId: string): Promise<string>;
  exec(query: ReturnType<typeof sql>): Promise<unknown[]>;
}

/**
 * `bonus.holdDays` is set far off so the real confirmation job (sent at start) confirms
 * nothing a test makes; tests call the service with their own clock. The partners' budget is
 * set high unless a test asks otherwise.
 */
export async function buildBonusWorld(
  bonus: { partnerRequestsPerSecond?: number; partnerBurst?: number } = {},
): Promise<BonusWorld> {
  const t = await createTestApp({
    bonus: { holdDays: 3650, partnerRequestsPerSecond: 100_000, partnerBurst: 100_000, ...bonus },
  });
  const tree = await buildTree(t);
  const { db } = t.database;
  const exec = async (query: ReturnType<typeof sql>) => (await query.execute(db)).rows;
  const member: BonusWorld['member'] = async (lastName, orgId = tree.orgs.primaryA1.id) => {
    const card = await putOnRecord(t, tree.admin, { orgId, lastName, firstName: 'Анна' });
    await exec(sql`update members set bonus_programme = true,
      bonus_since = now() - interval '3 years' where id = ${card.id}`);
    await exec(sql`insert into cards (member_id, kind, status, org_path, ordered_on)
      select id, 'virtual', 'active', org_path, current_date from members where id = ${card.id}`);
    return card;
  };
  const partner: BonusWorld['partner'] = async (name, cashbackPercent = 3.5) => {
    const response = await t.api('POST', '/api/v1/partners', {
      cookie: tree.admin,
      body: { name, cashbackPercent },
    });
    if (response.statusCode !== 201) throw new Error(`partner: ${response.body}`);
    const created = response.json() as { partner: { id: string }; apiKey: string };
    return { id: created.partner.id, apiKey: created.apiKey };
  };
  const call: BonusWorld['call'] = (method, url, apiKey, body) =>
    t.api(method, url, { headers: { authorization: `Bearer ${apiKey}` }, body });
  const buy: BonusWorld['buy'] = (apiKey, body) =>
    call('POST', '/api/v1/partner/purchases', apiKey, {
      purchasedAt: new Date(Date.now() - 60_000).toISOString(),
      ...body,
    });
  const memberCookie = async (memberId: string) => {
    const meta = { ip: null, userAgent: null, now: new Date() };
    return `prf_member=${(await startMemberSession(db, memberId, meta)).token}`;
  };
  return { t, tree, member, partner, call, buy, memberCookie, exec };
}

/** A valid number nobody holds (issuer 9, never drawn by the register). */
export const unknownCardNumber = (serial = 1) => {
  const body = `9${String(serial).padStart(14, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
};
