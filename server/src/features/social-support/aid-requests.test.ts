import type { AidRequest, OwnAidRequest } from '@profreestr/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSupportWorld, type SupportWorld } from '../../../test/social-support-fixture.js';

// Members' aid requests: asked for in the cabinet (roubles in, kopecks kept), seen by the staff
// of the member's subtree and of the offering org, decided once by the offering side (also
// when two decide at once), the member told by letter and in the cabinet, every read and
// change on record about the member.

let w: SupportWorld;
let terrBenefit: string;
beforeAll(async () => {
  w = await buildSupportWorld();
  terrBenefit = (await w.benefit(w.cookies.editorTerrA, w.orgs.terrA.id)).id;
});
afterAll(() => w.t.close());

const own = async (cookie: string) => {
  const response = await w.api('GET', cookie, '/cabinet/aid-requests');
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as OwnAidRequest[];
};

describe('a request from the cabinet to its decision', () => {
  it('asked in roubles, kept in kopecks; decided above; the member gets a letter and sees it', async () => {
    const anna = await w.member(w.orgs.primaryA1.id, 'Заявкина');
    const asked = await w.ask(anna.cookie, { benefitId: terrBenefit, amount: 1234.56 });
    expect(asked.statusCode, asked.body).toBe(201);
    const { id, status } = asked.json();
    expect(status).toBe('submitted');
    const [stored] = await w.rows<{ amount: string }>(
      'select amount from aid_requests where id = $1',
      [id],
    );
    expect(Number(stored?.amount)).toBe(123456);
    expect(await own(anna.cookie)).toEqual([
      expect.objectContaining({ id, status: 'submitted', amount: 1234.56, amountGranted: null }),
    ]);

    // The chairman of her primary sees it (a viewer too) but does not decide: the territorial
    // org offers the benefit.
    const chairView = await w.read(w.cookies.chairA1, id);
    expect(chairView).toMatchObject({
      status: 'submitted',
      member: { id: anna.card.id, name: 'Заявкина Анна Петровна', orgId: w.orgs.primaryA1.id },
      benefit: { id: terrBenefit, orgId: w.orgs.terrA.id },
      amount: 1234.56,
      allowed: { decide: false },
    });
    expect((await w.read(w.cookies.viewerA1, id)).id).toBe(id);
    const byChair = await w.decide(w.cookies.chairA1, id, { decision: 'approved', amount: 100 });
    expect(byChair.statusCode).toBe(403);
    expect((await w.read(w.cookies.viewerTerrA, id)).allowed.decide).toBe(false);
    expect((await w.read(w.cookies.editorTerrA, id)).allowed.decide).toBe(true);

    const decided = await w.decide(w.cookies.editorTerrA, id, {
      decision: 'approved',
      amount: 1000.5,
      comment: 'Назначено по решению профкома',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({
      status: 'approved',
      amountGranted: 1000.5,
      decidedBy: 'ss-editor-ta',
      allowed: { decide: false },
    });
    const [granted] = await w.rows<{ amount_granted: string }>(
      'select amount_granted from aid_requests where id = $1',
      [id],
    );
    expect(Number(granted?.amount_granted)).toBe(100050);

    const letters = await w.rows<{ to_address: string; subject: string; text: string }>(
      `select to_address, subject, text_body as text from mail_messages
        where kind = 'aid_decided' and member_id = $1`,
      [anna.card.id],
    );
    expect(letters).toHaveLength(1);
    expect(letters[0]?.to_address).toBe(anna.card.email);
    expect(letters[0]?.subject).toContain('одобрено');
    expect(letters[0]?.text).toContain('1\u00a0000,50\u00a0₽');
    expect(letters[0]?.text).toContain('Назначено по решению профкома');

    expect(await own(anna.cookie)).toEqual([
      expect.objectContaining({
        id,
        status: 'approved',
        amountGranted: 1000.5,
        comment: 'Назначено по решению профкома',
        decidedAt: expect.any(String),
      }),
    ]);
    // Everything held about her: the request is in the cabinet's export.
    const exported = await w.api('GET', anna.cookie, '/cabinet/export');
    expect(exported.json().aidRequests).toEqual([
      expect.objectContaining({ id, status: 'approved', amount: 1234.56 }),
    ]);
  });

  it('a rejection names its reason; the letter says it', async () => {
    const member = await w.member(w.orgs.primaryA2.id);
    const id = await w.request(member.cookie, terrBenefit);
    const noReason = await w.decide(w.cookies.editorTerrA, id, { decision: 'rejected' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.details[0].field).toBe('comment');
    const withSum = await w.decide(w.cookies.editorTerrA, id, {
      decision: 'rejected',
      comment: 'Нет оснований',
      amount: 10,
    });
    expect(withSum.statusCode).toBe(422);
    expect(withSum.json().error.details[0].field).toBe('amount');
    // A payment is approved with the sum granted.
    const noSum = await w.decide(w.cookies.editorTerrA, id, { decision: 'approved' });
    expect(noSum.statusCode).toBe(422);
    expect(noSum.json().error.details[0].field).toBe('amount');

    const rejected = await w.decide(w.cookies.editorTerrA, id, {
      decision: 'rejected',
      comment: 'Не приложены документы',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const [letter] = await w.rows<{ subject: string; text: string }>(
      `select subject, text_body as text from mail_messages where kind = 'aid_decided' and member_id = $1`,
      [member.card.id],
    );
    expect(letter?.subject).toContain('отказано');
    expect(letter?.text).toContain('Причина: Не приложены документы');
    expect(await own(member.cookie)).toEqual([
      expect.objectContaining({ status: 'rejected', comment: 'Не приложены документы' }),
    ]);
  });

  it('a voucher is approved without a sum; a service of the member’s own primary by its chairman', async () => {
    const member = await w.member(w.orgs.primaryA1.id);
    const voucher = await w.benefit(w.cookies.editorTerrA, w.orgs.terrA.id, { kind: 'voucher' });
    const id = await w.request(member.cookie, voucher.id);
    const approved = await w.decide(w.cookies.editorTerrA, id, { decision: 'approved' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().amountGranted).toBeNull();
    const service = await w.benefit(w.cookies.chairA1, w.orgs.primaryA1.id, { kind: 'service' });
    const second = await w.request(member.cookie, service.id);
    expect((await w.decide(w.cookies.chairA1, second, { decision: 'approved' })).statusCode).toBe(
      200,
    );
  });
});

describe('deciding once', () => {
  it('a second decision is a conflict', async () => {
    const member = await w.member(w.orgs.primaryA1.id);
    const id = await w.request(member.cookie, terrBenefit);
    const body = { decision: 'rejected', comment: 'Нет' };
    expect((await w.decide(w.cookies.editorTerrA, id, body)).statusCode).toBe(200);
    const again = await w.decide(w.cookies.admin, id, { decision: 'approved', amount: 5 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
  });

  it('of two decisions at once, one stands and the other is a conflict; one letter', async () => {
    for (let round = 0; round < 3; round++) {
      const member = await w.member(w.orgs.primaryA2.id);
      const id = await w.request(member.cookie, terrBenefit, { amount: 500 });
      const answers = await Promise.all([
        w.decide(w.cookies.editorTerrA, id, { decision: 'approved', amount: 500 }),
        w.decide(w.cookies.admin, id, { decision: 'rejected', comment: 'Нет' }),
      ]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const letters = await w.rows(
        `select 1 from mail_messages where kind = 'aid_decided' and member_id = $1`,
        [member.card.id],
      );
      expect(letters).toHaveLength(1);
      const winner = answers.find((r) => r.statusCode === 200)?.json() as AidRequest;
      expect((await own(member.cookie))[0]?.status).toBe(winner.status);
    }
  });
});

describe('bad requests', () => {
  it('amounts: negative, zero, three decimals or not a number are 422 naming the amount', async () => {
    const member = await w.member(w.orgs.primaryA1.id);
    for (const amount of [-1, 0, 10.555, 1e308, '100', 0.001]) {
      const response = await w.ask(member.cookie, { benefitId: terrBenefit, amount });
      expect(response.statusCode, String(amount)).toBe(422);
      expect(response.json().error.details[0].field).toBe('amount');
    }
    // No sum at all is a request too; roubles with kopecks convert exactly.
    expect((await w.ask(member.cookie, { benefitId: terrBenefit, amount: null })).statusCode).toBe(
      201,
    );
    const other = await w.member(w.orgs.primaryA1.id);
    const id = await w.request(other.cookie, terrBenefit, { amount: 0.29 });
    const [row] = await w.rows<{ amount: string }>(
      'select amount from aid_requests where id = $1',
      [id],
    );
    expect(Number(row?.amount)).toBe(29);
  });

  it('a benefit of another branch, an unknown one, an inactive one: 422; a second waiting one: 409', async () => {
    const member = await w.member(w.orgs.primaryA1.id);
    const theirs = await w.benefit(w.cookies.editorRegionB, w.orgs.regionB.id);
    const sibling = await w.benefit(w.cookies.editorTerrA, w.orgs.primaryA2.id);
    const ended = await w.benefit(w.cookies.chairA1, w.orgs.primaryA1.id, {
      activeFrom: '2024-01-01',
      activeTo: '2024-12-31',
    });
    const future = await w.benefit(w.cookies.chairA1, w.orgs.primaryA1.id, {
      activeFrom: '2099-01-01',
    });
    for (const benefitId of [theirs.id, sibling.id, '987654321', ended.id, future.id]) {
      const response = await w.ask(member.cookie, { benefitId });
      expect(response.statusCode, benefitId).toBe(422);
      expect(response.json().error.details[0].field).toBe('benefitId');
    }
    // Another branch's and an unknown benefit read alike.
    const unknown = await w.ask(member.cookie, { benefitId: '987654321' });
    const otherBranch = await w.ask(member.cookie, { benefitId: theirs.id });
    expect(otherBranch.json()).toEqual(unknown.json());
    expect((await w.ask(member.cookie, { benefitId: terrBenefit, text: '' })).statusCode).toBe(422);
    expect((await w.ask(member.cookie, { benefitId: terrBenefit, extra: 1 })).statusCode).toBe(422);

    expect((await w.ask(member.cookie, { benefitId: terrBenefit })).statusCode).toBe(201);
    const twice = await w.ask(member.cookie, { benefitId: terrBenefit });
    expect(twice.statusCode).toBe(409);
    // A staff session is no member: 401 before the body is read.
    expect((await w.ask(w.cookies.admin, { benefitId: terrBenefit })).statusCode).toBe(401);
  });
});

describe('who sees a request', () => {
  let id: string;
  let memberId: string;
  beforeAll(async () => {
    const member = await w.member(w.orgs.primaryA2.id, 'Видимова');
    memberId = member.card.id;
    id = await w.request(member.cookie, terrBenefit);
  });

  it('another branch: not found, and absent from its list; a list under another branch: 404', async () => {
    expect((await w.api('GET', w.cookies.chairB1, `/aid-requests/${id}`)).statusCode).toBe(404);
    const decide = await w.decide(w.cookies.chairB1, id, { decision: 'rejected', comment: 'Нет' });
    expect(decide.statusCode).toBe(404);
    // The chairman of a sibling primary: neither his member nor his benefit.
    expect((await w.api('GET', w.cookies.chairA1, `/aid-requests/${id}`)).statusCode).toBe(404);
    const list = await w.api('GET', w.cookies.chairB1, '/aid-requests');
    expect((list.json().items as AidRequest[]).map((r) => r.id)).not.toContain(id);
    expect(
      (await w.api('GET', w.cookies.chairB1, `/aid-requests?under=${w.orgs.terrA.id}`)).statusCode,
    ).toBe(404);
  });

  it('the queue of a subtree: its members’ requests and those to its benefits, by status', async () => {
    const waiting = await w.api('GET', w.cookies.viewerTerrA, '/aid-requests?status=submitted');
    expect(waiting.statusCode).toBe(200);
    const items = waiting.json().items as AidRequest[];
    expect(items.map((r) => r.id)).toContain(id);
    expect(items.every((r) => r.status === 'submitted')).toBe(true);
    const approved = await w.api('GET', w.cookies.viewerTerrA, '/aid-requests?status=approved');
    expect((approved.json().items as AidRequest[]).map((r) => r.id)).not.toContain(id);
    // Page by page, newest first.
    const first = await w.api('GET', w.cookies.viewerTerrA, '/aid-requests?limit=1');
    const page = first.json() as { items: AidRequest[]; nextCursor: string };
    expect(page.items).toHaveLength(1);
    const next = await w.api(
      'GET',
      w.cookies.viewerTerrA,
      `/aid-requests?limit=1&cursor=${page.nextCursor}`,
    );
    expect(Number(next.json().items[0].id)).toBeLessThan(Number(page.items[0]?.id));
  });

  it('every read and change is on record about the member, with the caller and her place', async () => {
    await w.read(w.cookies.editorTerrA, id);
    await w.decide(w.cookies.editorTerrA, id, { decision: 'rejected', comment: 'Нет средств' });
    const entries = await w.rows<{ action: string; actor_login: string | null; org_path: string }>(
      `select action, actor_login, org_path from audit_log
        where target_type = 'member' and target_id = $1 and action like 'aid_request.%'
        order by id`,
      [memberId],
    );
    expect(entries.map((e) => `${e.action} ${e.actor_login ?? 'member'}`)).toEqual(
      expect.arrayContaining([
        'aid_request.create member',
        'aid_request.list ss-viewer-ta',
        'aid_request.read ss-editor-ta',
        'aid_request.decide ss-editor-ta',
      ]),
    );
    expect(entries.every((e) => e.org_path.endsWith(`.${w.orgs.primaryA2.id}.`))).toBe(true);
  });

  it('the cabinet’s access log names the staff who read the request', async () => {
    const member = await w.member(w.orgs.primaryA1.id);
    const request = await w.request(member.cookie, terrBenefit);
    await w.read(w.cookies.chairA1, request);
    const response = await w.api('GET', member.cookie, '/cabinet/access-log');
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { action: string; label: string; actor: object }[];
    expect(items[0]).toMatchObject({
      action: 'aid_request.read',
      label: 'Просмотр обращения за помощью',
      actor: { kind: 'staff', fullName: 'Тестовый ss-chair-a1' },
    });
    expect(items.map((i) => i.action)).toContain('aid_request.create');
  });
});
