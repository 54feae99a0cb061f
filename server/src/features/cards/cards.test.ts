import { type Card, type MemberCards, todayIso } from '@profreestr/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putOnRecord } from '../../../test/member-fixture.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';
import { until } from '../../../test/until.js';
import type { MemberCtx } from '../../lib/context.js';
import { issueVirtualCard, ownCards } from './cards.service.js';

// A member's carriers through the API: handed over only when delivered, blocked with a
// reissue that keeps the number, blocked by deregistration and restored on readmission, and
// the scopes (another branch's chairman: 404; a viewer: 403).

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let chairA1: string;
let viewerA1: string;
let chairB1: string;
let adminTerrA: string;

const get = (cookie: string, url: string) => t.api('GET', `/api/v1${url}`, { cookie });
const post = (cookie: string, url: string, body: unknown = {}) =>
  t.api('POST', `/api/v1${url}`, { cookie, body });

const cardsOf = async (memberId: string, cookie = chairA1) => {
  const response = await get(cookie, `/members/${memberId}/cards`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as MemberCards;
};
const livePlastic = (view: MemberCards) =>
  view.items.find((c) => c.kind === 'plastic' && c.status !== 'blocked');

/** A batch for the org's subtree, filled by its job, then produced and delivered. */
async function deliverBatch(under: string) {
  const ordered = await post(tree.admin, '/card-batches', { under });
  expect(ordered.statusCode, ordered.body).toBe(201);
  const { id } = ordered.json() as { id: string };
  const batch = await until(
    async () => (await get(tree.admin, `/card-batches/${id}`)).json(),
    (b: { status: string }) => b.status !== 'filling',
  );
  expect(batch.status).toBe('ordered');
  expect(
    (await post(tree.admin, `/card-batches/${id}/status`, { status: 'produced' })).statusCode,
  ).toBe(200);
  expect(
    (await post(tree.admin, `/card-batches/${id}/status`, { status: 'delivered' })).statusCode,
  ).toBe(200);
  return id;
}

const person = (lastName: string, extra: Record<string, unknown> = {}) => ({
  lastName,
  firstName: 'Карта',
  middleName: 'Тестовна',
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  const { orgs } = tree;
  await tree.user('card-chair-a1', 'editor', orgs.primaryA1.id);
  await tree.user('card-viewer-a1', 'viewer', orgs.primaryA1.id);
  await tree.user('card-chair-b1', 'editor', orgs.primaryB1.id);
  await tree.user('card-admin-ta', 'admin', orgs.terrA.id);
  chairA1 = await t.login('card-chair-a1');
  viewerA1 = await t.login('card-viewer-a1');
  chairB1 = await t.login('card-chair-b1');
  adminTerrA = await t.login('card-admin-ta');
});
afterAll(() => t.close());

describe('a member’s cards', () => {
  let memberId: string;
  let cardNumber: string;
  let plastic: Card;

  beforeAll(async () => {
    const member = await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA1.id,
      ...person('Выдачина'),
    });
    memberId = member.id;
    cardNumber = member.cardNumber;
  });

  it('a member on record has no carrier until a batch orders one', async () => {
    const view = await cardsOf(memberId);
    expect(view.cardNumber).toBe(cardNumber);
    expect(view.items).toEqual([]);
    expect(view.allowed).toEqual({ issue: false, block: false });
  });

  it('an ordered card is not handed over (409), a delivered one is, dated today', async () => {
    const ordered = await post(adminTerrA, '/card-batches', { under: tree.orgs.primaryA1.id });
    expect(ordered.statusCode, ordered.body).toBe(201);
    const { id: batchId } = ordered.json() as { id: string };
    await until(
      async () => (await get(adminTerrA, `/card-batches/${batchId}`)).json(),
      (b: { status: string }) => b.status === 'ordered',
    );
    const card = livePlastic(await cardsOf(memberId)) as Card;
    expect(card).toMatchObject({ status: 'ordered', batchId, orderedOn: todayIso() });
    const early = await post(chairA1, `/members/${memberId}/cards/${card.id}/issue`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/доставленную/);

    for (const status of ['produced', 'delivered']) {
      const moved = await post(adminTerrA, `/card-batches/${batchId}/status`, { status });
      expect(moved.statusCode, moved.body).toBe(200);
    }
    const delivered = await cardsOf(memberId);
    expect(livePlastic(delivered)).toMatchObject({
      status: 'delivered',
      producedOn: todayIso(),
      deliveredOn: todayIso(),
    });
    expect(delivered.allowed).toEqual({ issue: true, block: true });

    const issued = await post(chairA1, `/members/${memberId}/cards/${card.id}/issue`);
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({ id: card.id, status: 'issued', issuedOn: todayIso() });
    const again = await post(chairA1, `/members/${memberId}/cards/${card.id}/issue`);
    expect(again.statusCode).toBe(409);

    const view = await cardsOf(memberId);
    expect(view.events.map((e) => [e.status, e.by])).toEqual([
      ['ordered', 'card-admin-ta'],
      ['produced', 'card-admin-ta'],
      ['delivered', 'card-admin-ta'],
      ['issued', 'card-chair-a1'],
    ]);
    expect(view.allowed).toEqual({ issue: false, block: true });
    plastic = issued.json() as Card;
  });

  it('a viewer reads the cards but may not hand over or block (403)', async () => {
    const view = await cardsOf(memberId, viewerA1);
    expect(view.allowed).toEqual({ issue: false, block: false });
    expect(
      (await post(viewerA1, `/members/${memberId}/cards/${plastic.id}/issue`)).statusCode,
    ).toBe(403);
    const block = await post(viewerA1, `/members/${memberId}/cards/${plastic.id}/block`, {
      reason: 'lost',
    });
    expect(block.statusCode).toBe(403);
  });

  it("another branch's chairman gets 404, exactly as for a missing member or card", async () => {
    expect((await get(chairB1, `/members/${memberId}/cards`)).statusCode).toBe(404);
    const issue = await post(chairB1, `/members/${memberId}/cards/${plastic.id}/issue`);
    expect(issue.statusCode).toBe(404);
    expect((await get(chairA1, '/members/9999999/cards')).statusCode).toBe(404);
    expect((await post(chairA1, `/members/${memberId}/cards/9999999/issue`)).statusCode).toBe(404);
    expect((await post(chairA1, `/members/${memberId}/cards/abc/issue`)).statusCode).toBe(404);
  });

  it('bad input is refused with 422 and changes nothing', async () => {
    const url = `/members/${memberId}/cards/${plastic.id}/block`;
    for (const body of [
      { reason: 'stolen' },
      { reason: 'deregistered' },
      { reason: 'lost', reissue: 'yes' },
      { reason: 'lost', reissue: 1 },
      { reason: 'lost', extra: true },
      {},
    ]) {
      const response = await post(chairA1, url, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(422);
    }
    expect(livePlastic(await cardsOf(memberId))?.status).toBe('issued');
  });

  it('blocking with a reissue keeps the number and orders a new plastic card, no batch', async () => {
    const response = await post(chairA1, `/members/${memberId}/cards/${plastic.id}/block`, {
      reason: 'lost',
      reissue: true,
    });
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json() as MemberCards;
    expect(view.cardNumber).toBe(cardNumber);
    expect(view.items.find((c) => c.id === plastic.id)).toMatchObject({
      status: 'blocked',
      blockReason: 'lost',
      blockedOn: todayIso(),
    });
    expect(livePlastic(view)).toMatchObject({
      status: 'ordered',
      batchId: null,
      orderedOn: todayIso(),
    });
    expect(view.events.slice(-2).map((e) => [e.status, e.reason])).toEqual([
      ['blocked', 'lost'],
      ['ordered', null],
    ]);
    const again = await post(chairA1, `/members/${memberId}/cards/${plastic.id}/block`, {
      reason: 'damaged',
    });
    expect(again.statusCode).toBe(409);

    const { rows } = await sql<{ action: string; details: Record<string, unknown> }>`
      select action, details from audit_log where target_type = 'member'
        and target_id = ${memberId} and action like 'card.%' order by id`.execute(t.database.db);
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['card.read', 'card.issue', 'card.block', 'card.order']),
    );
    expect(rows.find((r) => r.action === 'card.block')?.details).toMatchObject({
      cardId: plastic.id,
      blockReason: 'lost',
      reissue: true,
    });
  });

  it('the next batch of the subtree takes the reissued card along (not a second one)', async () => {
    const reissued = livePlastic(await cardsOf(memberId)) as Card;
    const preview = await get(adminTerrA, `/card-batches/preview?under=${tree.orgs.primaryA1.id}`);
    expect(preview.json().count).toBeGreaterThanOrEqual(1);
    const batchId = await deliverBatch(tree.orgs.primaryA1.id);
    const view = await cardsOf(memberId);
    expect(view.items.filter((c) => c.kind === 'plastic' && c.status !== 'blocked')).toEqual([
      expect.objectContaining({ id: reissued.id, batchId, status: 'delivered' }),
    ]);
    // Its order is its own event (the reissue), not the batch's.
    expect(view.events.filter((e) => e.cardId === reissued.id).map((e) => e.status)).toEqual([
      'ordered',
      'produced',
      'delivered',
    ]);
  });
});

describe('taken off record and back', () => {
  it('deregistration blocks every live card (reason deregistered); readmission orders anew', async () => {
    const member = await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA2.id,
      ...person('Снятова'),
    });
    await deliverBatch(tree.orgs.primaryA2.id);
    const memberCtx: MemberCtx = {
      db: t.database.db,
      actor: { kind: 'member', memberId: member.id, orgId: member.orgId, sessionId: 'test' },
      ip: null,
      jobs: t.app.jobs,
    };
    const virtual = await issueVirtualCard(memberCtx);
    expect(virtual).toMatchObject({ kind: 'virtual', status: 'active', issuedOn: todayIso() });
    // Idempotent: the same live card again.
    expect((await issueVirtualCard(memberCtx)).id).toBe(virtual.id);

    const off = await post(tree.admin, `/members/${member.id}/deregister`, {
      on: todayIso(),
      reason: 'own_wish',
    });
    expect(off.statusCode, off.body).toBe(200);
    const blocked = await cardsOf(member.id, tree.admin);
    expect(blocked.items.map((c) => [c.kind, c.status, c.blockReason, c.blockedOn])).toEqual([
      ['plastic', 'blocked', 'deregistered', todayIso()],
      ['virtual', 'blocked', 'deregistered', todayIso()],
    ]);
    expect(blocked.events.filter((e) => e.status === 'blocked').map((e) => e.by)).toEqual([
      'система',
      'система',
    ]);
    expect(blocked.allowed).toEqual({ issue: false, block: false });
    // Off record: no virtual card for them (their cabinet session is worth nothing).
    await expect(issueVirtualCard(memberCtx)).rejects.toMatchObject({ status: 401 });

    const back = await post(tree.admin, `/members/${member.id}/readmit`, {
      on: todayIso(),
      orgId: tree.orgs.primaryA1.id,
    });
    expect(back.statusCode, back.body).toBe(200);
    const restored = await cardsOf(member.id, tree.admin);
    expect(restored.cardNumber).toBe(member.cardNumber);
    const live = restored.items.filter((c) => c.status !== 'blocked');
    expect(live.map((c) => [c.kind, c.status, c.batchId, c.orderedOn])).toEqual([
      ['plastic', 'ordered', null, todayIso()],
      ['virtual', 'active', null, todayIso()],
    ]);
    // The new cards follow the member to their new org: «к выдаче» and the next batch there.
    const { rows } = await sql<{ same: boolean }>`
      select distinct c.org_path = o.path as same from cards c, orgs o
       where c.member_id = ${member.id} and o.id = ${tree.orgs.primaryA1.id}`.execute(
      t.database.db,
    );
    expect(rows).toEqual([{ same: true }]);

    const own = await ownCards(memberCtx);
    expect(own).toMatchObject({ cardNumber: member.cardNumber, status: 'active' });
    expect(own.items).toHaveLength(4);
  });

  it('a virtual card cannot be reissued (422); blocking it is allowed', async () => {
    const member = await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA1.id,
      ...person('Виртуальная'),
    });
    const ctx: MemberCtx = {
      db: t.database.db,
      actor: { kind: 'member', memberId: member.id, orgId: member.orgId, sessionId: 'test' },
      ip: null,
      jobs: t.app.jobs,
    };
    const virtual = await issueVirtualCard(ctx);
    const url = `/members/${member.id}/cards/${virtual.id}/block`;
    const refused = await post(chairA1, url, { reason: 'other', reissue: true });
    expect(refused.statusCode).toBe(422);
    const blocked = await post(chairA1, url, { reason: 'other' });
    expect(blocked.statusCode, blocked.body).toBe(200);
    // A new one on request: the blocked card no longer holds the place.
    const next = await issueVirtualCard(ctx);
    expect(next.id).not.toBe(virtual.id);
  });
});

describe('«Карты к выдаче»', () => {
  it('lists the delivered cards of the subtree by keyset, with names; another branch sees none', async () => {
    const names = ['Первая', 'Вторая', 'Третья'];
    for (const name of names) {
      await putOnRecord(t, tree.admin, { orgId: tree.orgs.primaryB1.id, ...person(name) });
    }
    await deliverBatch(tree.orgs.primaryB1.id);
    const first = await get(chairB1, '/cards/to-issue?limit=2');
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = (await get(chairB1, `/cards/to-issue?limit=2&cursor=${page1.nextCursor}`)).json();
    const all = [...page1.items, ...page2.items];
    expect(all.map((i: { name: string }) => i.name.split(' ')[0]).sort()).toEqual(
      [...names].sort(),
    );
    expect(all[0]).toMatchObject({
      orgId: tree.orgs.primaryB1.id,
      orgName: tree.orgs.primaryB1.name,
      deliveredOn: todayIso(),
    });
    expect(all[0].cardNumber).toMatch(/^\d{16}$/);
    // Out of scope: 404 for another branch's org; their own list holds none of B's cards.
    expect((await get(chairA1, `/cards/to-issue?under=${tree.orgs.primaryB1.id}`)).statusCode).toBe(
      404,
    );
    const ofA = (await get(chairA1, '/cards/to-issue?limit=200')).json();
    expect(ofA.items.some((i: { orgId: string }) => i.orgId === tree.orgs.primaryB1.id)).toBe(
      false,
    );

    // Handed over: off the list.
    const item = all[0] as { memberId: string; cardId: string };
    const issued = await post(chairB1, `/members/${item.memberId}/cards/${item.cardId}/issue`);
    expect(issued.statusCode, issued.body).toBe(200);
    const after = (await get(chairB1, '/cards/to-issue?limit=200')).json();
    expect(after.items).toHaveLength(2);
  });

  it('a delivered card moves with its member to the new org’s list', async () => {
    const list = (await get(chairB1, '/cards/to-issue?limit=200')).json();
    const item = list.items[0] as { memberId: string; cardId: string };
    const moved = await post(tree.admin, `/members/${item.memberId}/transfer`, {
      toOrgId: tree.orgs.primaryA2.id,
      on: todayIso(),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const ofB = (await get(chairB1, '/cards/to-issue?limit=200')).json();
    expect(ofB.items.map((i: { cardId: string }) => i.cardId)).not.toContain(item.cardId);
    const ofA = (await get(adminTerrA, '/cards/to-issue?limit=200')).json();
    expect(ofA.items.map((i: { cardId: string }) => i.cardId)).toContain(item.cardId);
  });
});

describe('merged cards', () => {
  it("a merged-away card's carriers are blocked and go, with their history, to the kept card", async () => {
    const kept = await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA1.id,
      ...person('Двойникова', { birthDate: '1980-01-01' }),
    });
    const other = await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA2.id,
      ...person('Двойникова'),
    });
    const ctx: MemberCtx = {
      db: t.database.db,
      actor: { kind: 'member', memberId: other.id, orgId: other.orgId, sessionId: 'test' },
      ip: null,
      jobs: t.app.jobs,
    };
    const virtual = await issueVirtualCard(ctx);
    const merged = await post(tree.admin, `/members/${kept.id}/merge`, { duplicateId: other.id });
    expect(merged.statusCode, merged.body).toBe(200);
    const view = await cardsOf(kept.id, tree.admin);
    expect(view.items.find((c) => c.id === virtual.id)).toMatchObject({
      status: 'blocked',
      blockReason: 'deregistered',
    });
    expect(view.events.filter((e) => e.cardId === virtual.id).map((e) => e.status)).toEqual([
      'active',
      'blocked',
    ]);
  });
});
