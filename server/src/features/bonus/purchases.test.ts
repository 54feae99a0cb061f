import { type Member, todayIso } from '@profreestr/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BonusWorld,
  buildBonusWorld,
  unknownCardNumber,
} from '../../../test/bonus-fixture.js';
import { buildApp } from '../../app.js';
import { cardTokenKey, signCardToken } from '../members/card-token.js';
import { confirmHeldPurchases } from './purchases.service.js';

const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe('PROFCARDS: card checks, purchases, refunds, the hold', () => {
  let w: BonusWorld;
  let shop: { id: string; apiKey: string };
  let other: { id: string; apiKey: string };
  let anna: Member;

  beforeAll(async () => {
    w = await buildBonusWorld();
    shop = await w.partner('Магазин', 3.5);
    other = await w.partner('Другой магазин', 10);
    anna = await w.member('Покупателева');
  });
  afterAll(() => w.t.close());

  const check = (number: string, key = shop.apiKey) =>
    w.call('GET', `/api/v1/partner/cards/${encodeURIComponent(number)}`, key);
  const refund = (externalId: string, key = shop.apiKey) =>
    w.call('POST', `/api/v1/partner/purchases/${encodeURIComponent(externalId)}/refund`, key);
  const purchaseRow = async (partnerId: string, externalId: string) =>
    (
      (await w.exec(sql`select * from purchases
        where partner_id = ${partnerId} and external_id = ${externalId}`)) as Record<
        string,
        unknown
      >[]
    )[0];

  describe('card check', () => {
    it('is valid for a member on record, in the programme, with a live card (spaces allowed)', async () => {
      const number = anna.cardNumber;
      expect((await check(number)).json()).toEqual({ valid: true });
      const spaced = number.replace(/(\d{4})(?=\d)/g, '$1 ');
      expect((await check(spaced)).json()).toEqual({ valid: true });
    });

    it('answers a number nobody holds exactly as a card not valid: 200 { valid: false }', async () => {
      const unknown = await check(unknownCardNumber(77));
      expect(unknown.statusCode).toBe(200);
      expect(unknown.json()).toEqual({ valid: false });
      const outside = await w.member('Невступившая');
      await w.exec(sql`update members set bonus_programme = false where id = ${outside.id}`);
      const notIn = await check(outside.cardNumber);
      expect(notIn.statusCode).toBe(200);
      expect(notIn.body).toBe(unknown.body);
    });

    it('is not valid when every carrier is blocked; a number with no carrier yet is', async () => {
      const blocked = await w.member('Заблокированная');
      await w.exec(sql`update cards set status = 'blocked', block_reason = 'lost',
        blocked_on = current_date where member_id = ${blocked.id}`);
      expect((await check(blocked.cardNumber)).json()).toEqual({ valid: false });
      const bare = await w.member('Безкарточная');
      await w.exec(sql`delete from cards where member_id = ${bare.id}`);
      expect((await check(bare.cardNumber)).json()).toEqual({ valid: true });
    });

    it('is not valid once the member is taken off record', async () => {
      const leaving = await w.member('Выбывающая');
      expect((await check(leaving.cardNumber)).json()).toEqual({ valid: true });
      const off = await w.t.api('POST', `/api/v1/members/${leaving.id}/deregister`, {
        cookie: w.tree.admin,
        body: { on: todayIso(), reason: 'own_wish' },
      });
      expect(off.statusCode, off.body).toBe(200);
      expect((await check(leaving.cardNumber)).json()).toEqual({ valid: false });
    });

    it('refuses a malformed number or a wrong Luhn digit with 422', async () => {
      for (const bad of ['123', 'abcdabcdabcdabcd', '2000000000000001', '1'.repeat(17)]) {
        const response = await check(bad);
        expect(response.statusCode, bad).toBe(422);
        expect(response.json().error.details[0].field).toBe('cardNumber');
      }
    });

    it('checks the virtual card’s QR: signed and current → valid; forged or expired → not', async () => {
      const key = await cardTokenKey(w.t.database.db);
      const token = signCardToken(key, anna.cardNumber, new Date(Date.now() + DAY));
      const qr = (t: string) => w.call('GET', `/api/v1/partner/cards/qr/${t}`, shop.apiKey);
      expect((await qr(token)).json()).toEqual({ valid: true });
      const expired = signCardToken(key, anna.cardNumber, new Date(Date.now() - 1000));
      expect((await qr(expired)).json()).toEqual({ valid: false });
      const forged = `${token.slice(0, -4)}AAAA`;
      expect((await qr(forged)).json()).toEqual({ valid: false });
      expect((await qr('not-a-token')).statusCode).toBe(422);
    });

    it('is audited with the partner as the caller, about the holder, who sees it in the cabinet', async () => {
      const [last] = (await w.exec(sql`select coalesce(max(id), 0) as id from audit_log`)) as {
        id: string;
      }[];
      await check(anna.cardNumber);
      await check(unknownCardNumber(78));
      // A check is answered only once its entry is written: both are there at once.
      const entries = (await w.exec(sql`select * from audit_log
        where action = 'partner.card_check' and id > ${last?.id} order by id`)) as Record<
        string,
        unknown
      >[];
      expect(entries).toHaveLength(2);
      expect(entries.find((r) => r.target_id === anna.id)).toMatchObject({
        actor_kind: 'partner',
        actor_id: shop.id,
        target_type: 'member',
        details: { valid: true },
      });
      // A number nobody holds: the entry is about the partner's call alone.
      expect(entries.at(-1)).toMatchObject({ target_type: 'partner', target_id: shop.id });
      expect(JSON.stringify(entries)).not.toContain(anna.cardNumber);

      const log = await w.t.api('GET', '/api/v1/cabinet/access-log', {
        cookie: await w.memberCookie(anna.id),
      });
      expect(log.json().items[0]).toMatchObject({
        action: 'partner.card_check',
        label: 'Проверка карты партнёром',
        actor: { kind: 'partner' },
      });
    });
  });

  describe('purchases', () => {
    it('records a purchase: 201 pending with cashback rounded half-up to the kopeck', async () => {
      const response = await w.buy(shop.apiKey, {
        cardNumber: anna.cardNumber,
        amount: 12_345,
        externalId: 'order-1',
      });
      expect(response.statusCode).toBe(201);
      // 12 345 × 3.5 % = 432.075 kopecks → 432.
      expect(response.json()).toEqual({ id: expect.any(String), status: 'pending', cashback: 432 });
      const half = await w.buy(shop.apiKey, {
        cardNumber: anna.cardNumber,
        amount: 1_300,
        externalId: 'order-half',
      });
      // 1 300 × 3.5 % = 45.5 → 46.
      expect(half.json().cashback).toBe(46);
      const row = await purchaseRow(shop.id, 'order-1');
      expect(row).toMatchObject({ member_id: anna.id, amount: '12345', rate_bp: 350 });
    });

    it('the same purchase sent 20 times at once: one row, one cashback, one 201 and nineteen 200', async () => {
      const body = { cardNumber: anna.cardNumber, amount: 99_990, externalId: 'burst-1' };
      const answers = await Promise.all(Array.from({ length: 20 }, () => w.buy(shop.apiKey, body)));
      const statuses = answers.map((a) => a.statusCode).sort();
      expect(statuses).toEqual([200, ...Array(18).fill(200), 201].sort());
      const ids = new Set(answers.map((a) => a.json().id));
      expect(ids.size).toBe(1);
      expect(new Set(answers.map((a) => a.json().cashback))).toEqual(new Set([3500]));
      const rows = await w.exec(sql`select id from purchases
        where partner_id = ${shop.id} and external_id = 'burst-1'`);
      expect(rows).toHaveLength(1);
    });

    it('another partner may use the same externalId: its own purchase, at its own rate', async () => {
      const mine = await w.buy(other.apiKey, {
        cardNumber: anna.cardNumber,
        amount: 10_000,
        externalId: 'order-1',
      });
      expect(mine.statusCode).toBe(201);
      expect(mine.json().cashback).toBe(1000);
    });

    it('a reused externalId with another card or amount is a 409, and nothing changes', async () => {
      const second = await w.member('Вторая');
      const differs = await w.buy(shop.apiKey, {
        cardNumber: second.cardNumber,
        amount: 12_345,
        externalId: 'order-1',
      });
      expect(differs.statusCode).toBe(409);
      const amount = await w.buy(shop.apiKey, {
        cardNumber: anna.cardNumber,
        amount: 1,
        externalId: 'order-1',
      });
      expect(amount.statusCode).toBe(409);
      expect(await purchaseRow(shop.id, 'order-1')).toMatchObject({ amount: '12345' });
    });

    it('refuses a card the programme cannot take with one message, writing nothing', async () => {
      const blocked = await w.member('Блокированная');
      await w.exec(sql`update cards set status = 'blocked', block_reason = 'lost',
        blocked_on = current_date where member_id = ${blocked.id}`);
      const messages = new Set<string>();
      for (const cardNumber of [blocked.cardNumber, unknownCardNumber(5)]) {
        const response = await w.buy(shop.apiKey, {
          cardNumber,
          amount: 100,
          externalId: `refused-${cardNumber}`,
        });
        expect(response.statusCode).toBe(422);
        messages.add(response.json().error.message);
        expect(await purchaseRow(shop.id, `refused-${cardNumber}`)).toBeUndefined();
      }
      expect(messages.size).toBe(1);
    });

    it('refuses a time in the future (beyond five minutes of clock skew), of year 0000, before joining', async () => {
      const future = await w.buy(shop.apiKey, {
        cardNumber: anna.cardNumber,
        amount: 100,
        purchasedAt: new Date(Date.now() + 10 * 60_000).toISOString(),
        externalId: 'future',
      });
      expect(future.statusCode).toBe(422);
      expect(future.json().error.details[0].field).toBe('purchasedAt');
      const skew = await w.buy(shop.apiKey, {
        cardNumber: anna.cardNumber,
        amount: 100,
        purchasedAt: new Date(Date.now() + 60_000).toISOString(),
        externalId: 'skew',
      });
      expect(skew.statusCode).toBe(201);
      for (const purchasedAt of ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00+01:00']) {
        const ancient = await w.buy(shop.apiKey, {
          cardNumber: anna.cardNumber,
          amount: 100,
          purchasedAt,
          externalId: `ancient-${purchasedAt}`,
        });
        expect(ancient.statusCode).toBe(422);
        expect(ancient.json().error.details[0].field).toBe('purchasedAt');
      }

      const late = await w.member('Недавняя');
      await w.exec(sql`update members set bonus_since = now() - interval '1 day'
        where id = ${late.id}`);
      const before = await w.buy(shop.apiKey, {
        cardNumber: late.cardNumber,
        amount: 100,
        purchasedAt: ago(2 * DAY),
        externalId: 'before-joining',
      });
      expect(before.statusCode).toBe(422);
      expect(before.json().error.details[0].field).toBe('purchasedAt');
      expect(await purchaseRow(shop.id, 'before-joining')).toBeUndefined();
    });

    it('refuses an amount that is zero, negative or not whole kopecks', async () => {
      for (const amount of [0, -100, 10.5, '100']) {
        const response = await w.buy(shop.apiKey, {
          cardNumber: anna.cardNumber,
          amount: amount as number,
          externalId: `bad-amount-${amount}`,
        });
        expect(response.statusCode, String(amount)).toBe(422);
        expect(response.json().error.details[0].field).toBe('amount');
      }
    });

    it('a purchase dated before a rate change takes the rate of its own day', async () => {
      const p = await w.partner('Меняющий процент', 2);
      // The partner has worked with the first rate for a month.
      await w.exec(sql`update partner_rates set valid_from = current_date - 30
        where partner_id = ${p.id}`);
      const changed = await w.t.api('POST', `/api/v1/partners/${p.id}/rates`, {
        cookie: w.tree.admin,
        body: { cashbackPercent: 5 },
      });
      expect(changed.json().cashbackPercent).toBe(5);
      const old = await w.buy(p.apiKey, {
        cardNumber: anna.cardNumber,
        amount: 10_000,
        purchasedAt: ago(2 * DAY),
        externalId: 'dated-before',
      });
      expect(old.json().cashback).toBe(200);
      const today = await w.buy(p.apiKey, {
        cardNumber: anna.cardNumber,
        amount: 10_000,
        externalId: 'dated-today',
      });
      expect(today.json().cashback).toBe(500);
      const page = await w.t.api('GET', `/api/v1/partners/${p.id}/purchases?limit=1`, {
        cookie: w.tree.admin,
      });
      expect(page.statusCode).toBe(200);
      expect(page.json().items).toEqual([
        expect.objectContaining({
          externalId: 'dated-today',
          cardNumber: `•••• ${anna.cardNumber.slice(-4)}`,
          cashbackPercent: 5,
          status: 'pending',
        }),
      ]);
      expect(page.body).not.toContain(anna.cardNumber);
      const next = await w.t.api(
        'GET',
        `/api/v1/partners/${p.id}/purchases?limit=1&cursor=${page.json().nextCursor}`,
        { cookie: w.tree.admin },
      );
      expect(next.json().items[0]).toMatchObject({
        externalId: 'dated-before',
        cashbackPercent: 2,
      });
    });
  });

  describe('the hold, refunds and the cabinet', () => {
    it('confirms purchases whose hold is over, with a fake clock; the job is idempotent', async () => {
      const bella = await w.member('Холдова');
      await w.buy(shop.apiKey, {
        cardNumber: bella.cardNumber,
        amount: 20_000,
        purchasedAt: ago(3 * DAY),
        externalId: 'hold-old',
      });
      await w.buy(shop.apiKey, {
        cardNumber: bella.cardNumber,
        amount: 20_000,
        purchasedAt: ago(DAY),
        externalId: 'hold-new',
      });
      const db = w.t.database.db;
      // Two days later, with a 4-day hold: the older one only.
      const later = new Date(Date.now() + 2 * DAY);
      expect(await confirmHeldPurchases(db, 4, later)).toBeGreaterThanOrEqual(1);
      expect(await purchaseRow(shop.id, 'hold-old')).toMatchObject({ status: 'confirmed' });
      expect(await purchaseRow(shop.id, 'hold-new')).toMatchObject({ status: 'pending' });
      expect(await confirmHeldPurchases(db, 4, later)).toBe(0);
      const again = await w.buy(shop.apiKey, {
        cardNumber: bella.cardNumber,
        amount: 20_000,
        externalId: 'hold-old',
      });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ status: 'confirmed', cashback: 700 });
    });

    it('a refund before confirmation cancels; after it, a reversal; the cabinet nets them', async () => {
      const vera = await w.member('Возвратова');
      const buy = (externalId: string, amount: number) =>
        w.buy(shop.apiKey, {
          cardNumber: vera.cardNumber,
          amount,
          purchasedAt: ago(DAY),
          externalId,
        });
      await buy('vera-kept', 100_000); // 3 500
      await buy('vera-cancelled', 10_000); // 350
      await buy('vera-reversed', 20_000); // 700
      await buy('vera-waiting', 40_000); // 1 400

      const cancelled = await refund('vera-cancelled');
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json()).toEqual({ status: 'cancelled', reversed: false });
      expect((await refund('vera-cancelled')).json()).toEqual({
        status: 'cancelled',
        reversed: false,
      });

      // vera-kept and vera-reversed are confirmed (a 12-hour hold, a day later).
      await w.exec(sql`update purchases set purchased_at = now() - interval '3 days'
        where partner_id = ${shop.id} and external_id in ('vera-kept', 'vera-reversed')`);
      await confirmHeldPurchases(w.t.database.db, 2, new Date());
      const reversed = await refund('vera-reversed');
      // The partner hears «cancelled» (API.md); the reversal is ours to keep.
      expect(reversed.json()).toEqual({ status: 'cancelled', reversed: true });
      expect((await refund('vera-reversed')).json()).toEqual({
        status: 'cancelled',
        reversed: true,
      });
      const row = await purchaseRow(shop.id, 'vera-reversed');
      expect(row).toMatchObject({ status: 'confirmed', cashback: '700' });
      expect(row?.reversed_at).not.toBeNull();
      const reversals = await w.exec(
        sql`select * from bonus_reversals where purchase_id = ${row?.id}`,
      );
      expect(reversals).toEqual([
        expect.objectContaining({ member_id: vera.id, amount: '20000', cashback: '700' }),
      ]);

      const cabinet = await w.t.api('GET', '/api/v1/cabinet/bonuses', {
        cookie: await w.memberCookie(vera.id),
      });
      expect(cabinet.statusCode).toBe(200);
      const bonuses = cabinet.json();
      expect(bonuses.pending).toBe(1400);
      expect(bonuses.confirmed).toBe(3500);
      expect(bonuses.items).toHaveLength(4);
      expect(bonuses.items.map((i: { status: string }) => i.status).sort()).toEqual([
        'cancelled',
        'confirmed',
        'pending',
        'reversed',
      ]);
      expect(bonuses.items[0]).toMatchObject({ partner: 'Магазин' });
      const [audit] = (await w.exec(sql`select actor_kind, actor_id from audit_log
        where action = 'member.bonuses' order by id desc limit 1`)) as Record<string, unknown>[];
      expect(audit).toEqual({ actor_kind: 'member', actor_id: vera.id });
    });

    it('a refund of an unknown externalId, or of another partner’s purchase, is a 404', async () => {
      expect((await refund('never-sent')).statusCode).toBe(404);
      await w.buy(other.apiKey, {
        cardNumber: anna.cardNumber,
        amount: 5_000,
        externalId: 'others-only',
      });
      expect((await refund('others-only')).statusCode).toBe(404);
      expect(await purchaseRow(other.id, 'others-only')).toMatchObject({ status: 'pending' });
    });

    it('withdrawing the consent in the cabinet makes the card invalid; joining again dates it', async () => {
      const gleb = await w.member('Согласнов');
      const cookie = await w.memberCookie(gleb.id);
      const consent = (granted: boolean) =>
        w.t.api('POST', '/api/v1/cabinet/consents', {
          cookie,
          body: { kind: 'bonus_programme', granted },
        });
      expect((await consent(false)).statusCode).toBe(201);
      expect((await check(gleb.cardNumber)).json()).toEqual({ valid: false });
      const refused = await w.buy(shop.apiKey, {
        cardNumber: gleb.cardNumber,
        amount: 100,
        externalId: 'after-withdrawal',
      });
      expect(refused.statusCode).toBe(422);
      const [left] = (await w.exec(sql`select bonus_since from members where id = ${gleb.id}`)) as {
        bonus_since: Date | null;
      }[];
      expect(left?.bonus_since).toBeNull();

      expect((await consent(true)).statusCode).toBe(201);
      expect((await check(gleb.cardNumber)).json()).toEqual({ valid: true });
      const [joined] = (await w.exec(
        sql`select bonus_since from members where id = ${gleb.id}`,
      )) as { bonus_since: Date }[];
      expect(Math.abs(new Date(joined?.bonus_since as Date).getTime() - Date.now())).toBeLessThan(
        60_000,
      );
      // A purchase from before the new joining is refused.
      const earlier = await w.buy(shop.apiKey, {
        cardNumber: gleb.cardNumber,
        amount: 100,
        purchasedAt: ago(DAY),
        externalId: 'before-rejoining',
      });
      expect(earlier.statusCode).toBe(422);
    });
  });
});

describe('a partner hammering the API', () => {
  // A token back every 20 s: a slow run (CI's two cores under every project at once) cannot
  // earn one between the calls below and pass a request the budget should refuse.
  const budget = { partnerRequestsPerSecond: 0.05, partnerBurst: 3 };
  let w: BonusWorld;
  beforeAll(async () => {
    w = await buildBonusWorld(budget);
  });
  afterAll(() => w.t.close());

  it('gets 429 with Retry-After past its budget; another partner is not held up', async () => {
    const first = await w.partner('Торопливый');
    const second = await w.partner('Спокойный');
    const url = `/api/v1/partner/cards/${unknownCardNumber()}`;
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await w.call('GET', url, first.apiKey));
    expect(answers.slice(0, 3).map((a) => a.statusCode)).toEqual([200, 200, 200]);
    const refused = answers[4];
    expect(refused?.statusCode).toBe(429);
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused?.json().error.message).toMatch(/Повторите через/);
    expect((await w.call('GET', url, second.apiKey)).statusCode).toBe(200);
  });

  it('two servers on one database share its budget, and a key revoked on one answers 401 on the other at once', async () => {
    const other = await buildApp({
      database: w.t.database,
      imports: { worker: false },
      bonus: budget,
    });
    try {
      const partner = await w.partner('Двуглавый');
      const url = `/api/v1/partner/cards/${unknownCardNumber()}`;
      const headers = { authorization: `Bearer ${partner.apiKey}` };
      const viaOther = () => other.inject({ method: 'GET', url, headers });
      const answers = [
        (await w.call('GET', url, partner.apiKey)).statusCode,
        (await viaOther()).statusCode,
        (await w.call('GET', url, partner.apiKey)).statusCode,
        (await viaOther()).statusCode,
      ];
      expect(answers).toEqual([200, 200, 200, 429]);
      const revoked = await w.t.api('DELETE', `/api/v1/partners/${partner.id}/key`, {
        cookie: w.tree.admin,
      });
      expect(revoked.statusCode).toBe(200);
      expect((await viaOther()).statusCode).toBe(401);
    } finally {
      await other.close();
    }
  });
});
