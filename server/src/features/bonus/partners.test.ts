import { todayIso } from '@profreestr/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BonusWorld,
  buildBonusWorld,
  unknownCardNumber,
} from '../../../test/bonus-fixture.js';
import { hashPartnerKey } from './partner-keys.js';

describe('PROFCARDS partners and their keys', () => {
  let w: BonusWorld;
  let regionAdmin: string;
  let centreViewer: string;

  beforeAll(async () => {
    w = await buildBonusWorld();
    await w.tree.user('region-admin', 'admin', w.tree.orgs.regionA.id);
    await w.tree.user('centre-viewer', 'viewer', w.tree.centralId);
    regionAdmin = await w.t.login('region-admin');
    centreViewer = await w.t.login('centre-viewer');
  });
  afterAll(() => w.t.close());

  const card = (key: string, number = unknownCardNumber()) =>
    w.call('GET', `/api/v1/partner/cards/${number}`, key);

  it('shows a new key once and keeps only its sha256: the key is nowhere in the database', async () => {
    const created = await w.t.api('POST', '/api/v1/partners', {
      cookie: w.tree.admin,
      body: { name: 'Книжный дом', cashbackPercent: 3.5 },
    });
    expect(created.statusCode).toBe(201);
    const { partner, apiKey } = created.json();
    expect(apiKey).toMatch(/^prf_live_[A-Za-z0-9_-]{43}$/);
    expect(partner).toMatchObject({
      name: 'Книжный дом',
      cashbackPercent: 3.5,
      rates: [{ from: todayIso(), cashbackPercent: 3.5 }],
      keyPrefix: apiKey.slice(0, 15),
      purchases: 0,
    });

    const again = await w.t.api('GET', `/api/v1/partners/${partner.id}`, { cookie: w.tree.admin });
    expect(again.statusCode).toBe(200);
    expect(again.body).not.toContain(apiKey);
    const list = await w.t.api('GET', '/api/v1/partners', { cookie: w.tree.admin });
    expect(list.json().items.map((p: { id: string }) => p.id)).toContain(partner.id);
    expect(list.body).not.toContain(apiKey);

    // Every text column of every table: the key itself is in none, its hash is.
    const columns = (await w.exec(sql`select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type in ('text', 'jsonb', 'json', 'character varying')`)) as {
      table_name: string;
      column_name: string;
    }[];
    expect(columns.length).toBeGreaterThan(20);
    for (const { table_name, column_name } of columns) {
      const [found] = (await w.exec(
        sql`select count(*)::int as n from ${sql.table(table_name)}
          where ${sql.ref(column_name)}::text like ${`%${apiKey.slice(15)}%`}`,
      )) as { n: number }[];
      expect(found?.n, `${table_name}.${column_name}`).toBe(0);
    }
    const [stored] = (await w.exec(
      sql`select key_hash from partner_keys where partner_id = ${partner.id}`,
    )) as { key_hash: string }[];
    expect(stored?.key_hash).toBe(hashPartnerKey(apiKey));
    expect((await card(apiKey)).statusCode).toBe(200);
  });

  it('is the centre admins’ alone: an admin of a region and a viewer of the centre get 403', async () => {
    const { id } = await w.partner('Аптека');
    for (const cookie of [regionAdmin, centreViewer]) {
      for (const [method, url, body] of [
        ['POST', '/api/v1/partners', { name: 'Чужой', cashbackPercent: 1 }],
        ['GET', '/api/v1/partners', undefined],
        ['GET', `/api/v1/partners/${id}`, undefined],
        ['POST', `/api/v1/partners/${id}/rates`, { cashbackPercent: 2 }],
        ['POST', `/api/v1/partners/${id}/key`, undefined],
        ['DELETE', `/api/v1/partners/${id}/key`, undefined],
        ['GET', `/api/v1/partners/${id}/purchases`, undefined],
      ] as const) {
        const response = await w.t.api(method, url, { cookie, body });
        expect(response.statusCode, `${method} ${url}`).toBe(403);
      }
    }
    const missing = await w.t.api('GET', '/api/v1/partners/999999', { cookie: w.tree.admin });
    expect(missing.statusCode).toBe(404);
  });

  it('rotates a key (the old one answers 401 at once) and revokes it', async () => {
    const { id, apiKey } = await w.partner('Кинотеатр');
    // The key is in use (and so known to the server) when it is rotated.
    expect((await card(apiKey)).statusCode).toBe(200);
    const rotated = await w.t.api('POST', `/api/v1/partners/${id}/key`, { cookie: w.tree.admin });
    expect(rotated.statusCode).toBe(200);
    const fresh = rotated.json().apiKey as string;
    expect(fresh).not.toBe(apiKey);
    expect(rotated.json().partner.keyPrefix).toBe(fresh.slice(0, 15));
    const old = await card(apiKey);
    expect(old.statusCode).toBe(401);
    expect(old.json().error.message).toMatch(/ключ/i);
    expect((await card(fresh)).statusCode).toBe(200);

    const revoked = await w.t.api('DELETE', `/api/v1/partners/${id}/key`, { cookie: w.tree.admin });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().keyPrefix).toBeNull();
    expect((await card(fresh)).statusCode).toBe(401);
    // Revoking again changes nothing; one live key at most, whatever happened.
    expect(
      (await w.t.api('DELETE', `/api/v1/partners/${id}/key`, { cookie: w.tree.admin })).statusCode,
    ).toBe(200);
    const live = await w.exec(
      sql`select id from partner_keys where partner_id = ${id} and revoked_at is null`,
    );
    expect(live).toHaveLength(0);
    const audit = await w.exec(
      sql`select action from audit_log where target_type = 'partner' and target_id = ${id}
        and action <> 'partner.card_check' order by id`,
    );
    expect(audit.map((r) => (r as { action: string }).action)).toEqual([
      'partner.create',
      'partner.key.rotate',
      'partner.key.revoke',
    ]);
  });

  it('partner routes take the key alone: none, a staff cookie or a malformed key → 401', async () => {
    const url = `/api/v1/partner/cards/${unknownCardNumber()}`;
    expect((await w.t.api('GET', url)).statusCode).toBe(401);
    expect((await w.t.api('GET', url, { cookie: w.tree.admin })).statusCode).toBe(401);
    for (const authorization of [
      'Bearer nonsense',
      'Basic abc',
      `Bearer prf_live_${'A'.repeat(43)}`,
    ]) {
      const response = await w.t.api('GET', url, { headers: { authorization } });
      expect(response.statusCode, authorization).toBe(401);
      expect(response.json().error.code).toBe('unauthenticated');
    }
  });

  it('staff routes ignore a partner key: 401 with the key alone, staff with both', async () => {
    const { apiKey } = await w.partner('Спортзал');
    const headers = { authorization: `Bearer ${apiKey}` };
    expect((await w.t.api('GET', '/api/v1/partners', { headers })).statusCode).toBe(401);
    expect(
      (await w.t.api('GET', '/api/v1/bonus/stats?from=2026-01&to=2026-02', { headers })).statusCode,
    ).toBe(401);
    expect((await w.t.api('GET', '/api/v1/cabinet/bonuses', { headers })).statusCode).toBe(401);
    const both = await w.t.api('GET', '/api/v1/auth/me', { cookie: w.tree.admin, headers });
    expect(both.statusCode).toBe(200);
  });

  it('keeps the history of rates: a new one from today or later, never a past day', async () => {
    const { id } = await w.partner('Театр', 5);
    const tomorrow = new Date(Date.now() + 3 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
    const later = await w.t.api('POST', `/api/v1/partners/${id}/rates`, {
      cookie: w.tree.admin,
      body: { cashbackPercent: 7.25, from: tomorrow },
    });
    expect(later.statusCode).toBe(200);
    expect(later.json().cashbackPercent).toBe(5);
    expect(later.json().rates).toEqual([
      { from: tomorrow, cashbackPercent: 7.25 },
      { from: todayIso(), cashbackPercent: 5 },
    ]);
    const now = await w.t.api('POST', `/api/v1/partners/${id}/rates`, {
      cookie: w.tree.admin,
      body: { cashbackPercent: 6 },
    });
    expect(now.json().cashbackPercent).toBe(6);
    for (const body of [
      { cashbackPercent: 6, from: '2020-01-01' },
      { cashbackPercent: 6, from: '2026-02-30' },
      { cashbackPercent: 0 },
      { cashbackPercent: 100.5 },
      { cashbackPercent: 1.234 },
    ]) {
      const refused = await w.t.api('POST', `/api/v1/partners/${id}/rates`, {
        cookie: w.tree.admin,
        body,
      });
      expect(refused.statusCode, JSON.stringify(body)).toBe(422);
    }
  });
});
