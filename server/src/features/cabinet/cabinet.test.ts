import { type Member, todayIso } from '@profreestr/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putOnRecord } from '../../../test/member-fixture.js';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';
import { until } from '../../../test/until.js';
import { unsubscribeKey, unsubscribeToken } from '../mail/unsubscribe.js';
import { cardTokenKey, verifyCardToken } from '../members/card-token.js';

type Tree = Awaited<ReturnType<typeof buildTree>>;

describe('the member cabinet', () => {
  let t: TestApp;
  let tree: Tree;
  let sink: SmtpSink;
  let anna: Member;
  let chairmanB1: string;
  let viewerA: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      mail: {
        smtpUrl: sink.url,
        from: 'Профреестр <noreply@union.example>',
        publicUrl: 'https://reestr.union.example',
        retryBaseSeconds: 0.2,
        maxAttempts: 4,
      },
    });
    tree = await buildTree(t);
    anna = await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Кабинетова',
      firstName: 'Анна',
      middleName: 'Сергеевна',
      birthDate: '1985-04-12',
      email: 'Anna.Kab@Example.org',
      pdConsent: { givenOn: '2024-09-01', version: '2019-1', method: 'paper' },
      notify: { email: true },
    });
    await tree.user('chair-b1', 'editor', tree.orgs.primaryB1.id);
    await tree.user('viewer-a', 'viewer', tree.orgs.regionA.id);
    chairmanB1 = await t.login('chair-b1');
    viewerA = await t.login('viewer-a');
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const codeLetters = (to: string) =>
    sink.received.filter(
      (m) =>
        m.subject?.startsWith('Профреестр: код для входа') &&
        m.to &&
        JSON.stringify(m.to).includes(to),
    );

  /** Asks for a code and reads it back from the SMTP server. */
  async function receiveCode(email: string) {
    const before = codeLetters(email).length;
    const asked = await t.api('POST', '/api/v1/cabinet/auth/code', { body: { email } });
    expect(asked.statusCode).toBe(202);
    const letters = await until(
      async () => codeLetters(email),
      (found) => found.length > before,
    );
    const code = /(\d{6})/.exec(letters.at(-1)?.subject ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    return code as string;
  }

  async function signIn(email: string) {
    const code = await receiveCode(email);
    const response = await t.api('POST', '/api/v1/cabinet/auth/login', { body: { email, code } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'prf_member');
    expect(cookie?.httpOnly).toBe(true);
    return `prf_member=${cookie?.value}`;
  }

  // Five codes an hour per address: the tests share one session of Anna's.
  let annaCookie: string | undefined;
  const annaSession = async () => {
    annaCookie ??= await signIn('anna.kab@example.org');
    return annaCookie;
  };

  it('asking for a code answers the same for a member and a stranger; only the member gets a letter', async () => {
    const member = await t.api('POST', '/api/v1/cabinet/auth/code', {
      body: { email: 'anna.kab@example.org' },
    });
    const stranger = await t.api('POST', '/api/v1/cabinet/auth/code', {
      body: { email: 'nobody-here@example.org' },
    });
    expect(member.statusCode).toBe(202);
    expect(stranger.statusCode).toBe(202);
    expect(stranger.body).toBe(member.body);
    await until(
      async () => codeLetters('anna.kab@example.org'),
      (found) => found.length > 0,
    );
    // The stranger's job ran in the same queue before or beside the member's.
    expect(codeLetters('nobody-here@example.org')).toHaveLength(0);
  });

  it('the code signs in once: a member cookie of its own, the e-mail confirmed, the code spent', async () => {
    expect(anna.emailVerified).toBe(false);
    const code = await receiveCode('anna.kab@example.org');
    const login = await t.api('POST', '/api/v1/cabinet/auth/login', {
      body: { email: 'ANNA.KAB@example.org', code },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().member).toMatchObject({ id: anna.id, emailVerified: true });
    expect(login.cookies.map((c) => c.name)).toEqual(['prf_member']);
    const again = await t.api('POST', '/api/v1/cabinet/auth/login', {
      body: { email: 'anna.kab@example.org', code },
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details[0].field).toBe('code');
    // An admin reading the outbox sees that a code went, never the code.
    const list = await t.api('GET', '/api/v1/mail/messages?kind=login_code', {
      cookie: tree.admin,
    });
    const [letter] = list.json().items;
    expect(letter.subject).toBe('Профреестр: код для входа ••••••');
    const read = await t.api('GET', `/api/v1/mail/messages/${letter.id}`, { cookie: tree.admin });
    expect(read.json().text).not.toMatch(/\d{6}/);
  });

  it('five wrong codes lock the address with 429 and Retry-After, even for the right code', async () => {
    await tree.user('lock-staff', 'editor', tree.orgs.primaryA2.id);
    const locked = await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA2.id,
      lastName: 'Замкова',
      firstName: 'Ольга',
      email: 'olga.lock@example.org',
    });
    expect(locked.id).toBeTruthy();
    const code = await receiveCode('olga.lock@example.org');
    const wrong = code === '000000' ? '111111' : '000000';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await t.api('POST', '/api/v1/cabinet/auth/login', {
        body: { email: 'olga.lock@example.org', code: wrong },
      });
      statuses.push(r.statusCode);
      if (r.statusCode === 429) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([422, 422, 422, 422, 429]);
    const right = await t.api('POST', '/api/v1/cabinet/auth/login', {
      body: { email: 'olga.lock@example.org', code },
    });
    expect(right.statusCode).toBe(429);
    expect(right.json().error.message).toMatch(/Повторите через/);
  });

  it('a burst of parallel wrong codes ends in the lock and spends the code: the right one fails after', async () => {
    await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA2.id,
      lastName: 'Параллельная',
      firstName: 'Инна',
      email: 'inna.burst@example.org',
    });
    const code = await receiveCode('inna.burst@example.org');
    const guesses = Array.from({ length: 12 }, (_, i) =>
      String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'),
    );
    const answers = await Promise.all(
      guesses.map((guess) =>
        t.api('POST', '/api/v1/cabinet/auth/login', {
          body: { email: 'inna.burst@example.org', code: guess },
        }),
      ),
    );
    expect(answers.every((a) => a.statusCode === 422 || a.statusCode === 429)).toBe(true);
    // Five failures lock: at most four are told «wrong code», the rest wait.
    expect(answers.filter((a) => a.statusCode === 422).length).toBeLessThanOrEqual(4);
    const right = await t.api('POST', '/api/v1/cabinet/auth/login', {
      body: { email: 'inna.burst@example.org', code },
    });
    expect(right.statusCode).toBe(429);
  });

  it('an address on two cards gets no code, but a letter saying why', async () => {
    for (const firstName of ['Ольга', 'Пётр']) {
      await putOnRecord(t, tree.admin, {
        orgId: tree.orgs.primaryA2.id,
        lastName: 'Семейная',
        firstName,
        email: 'family@example.org',
      });
    }
    await t.api('POST', '/api/v1/cabinet/auth/code', { body: { email: 'family@example.org' } });
    const [letter] = await until(
      async () =>
        sink.received.filter(
          (m) =>
            m.subject === 'Профреестр: вход в личный кабинет' &&
            JSON.stringify(m.to).includes('family@'),
        ),
      (found) => found.length > 0,
    );
    expect(letter?.text).toContain('нескольких членов Профсоюза');
    expect(letter?.text).not.toMatch(/\d{6}/);
    const codes = (await t.database.query(
      `select 1 from cabinet_codes where email = 'family@example.org'`,
    )) as unknown[];
    expect(codes).toEqual([]);
  });

  it('one-click unsubscribe is a withdrawal in the consents ledger', async () => {
    const member = await annaSession();
    await t.api('POST', '/api/v1/cabinet/consents', {
      cookie: member,
      body: { kind: 'notify_email', granted: true },
    });
    await t.database.query(`update members set notify_email = true where id = $1`, [anna.id]);
    const key = await unsubscribeKey(t.database.db);
    const token = unsubscribeToken(
      key,
      { kind: 'member', personId: anna.id },
      'anna.kab@example.org',
    );
    const off = await t.api('POST', `/api/v1/unsubscribe?token=${encodeURIComponent(token)}`);
    expect(off.statusCode).toBe(200);
    const ledger = (await t.api('GET', '/api/v1/cabinet/consents', { cookie: member })).json();
    expect(ledger.items[0]).toMatchObject({ kind: 'notify_email', granted: false, by: 'member' });
  });

  it('a member session is 401 on staff routes, and a staff session is 401 in the cabinet', async () => {
    const member = await annaSession();
    for (const url of ['/api/v1/members', '/api/v1/auth/me', `/api/v1/members/${anna.id}`]) {
      expect((await t.api('GET', url, { cookie: member })).statusCode).toBe(401);
    }
    for (const url of ['/api/v1/cabinet/me', '/api/v1/cabinet/card', '/api/v1/cabinet/consents']) {
      expect((await t.api('GET', url, { cookie: tree.admin })).statusCode).toBe(401);
    }
    // One browser holding both: staff on staff routes, the member in the cabinet.
    const both = `${member}; ${tree.admin}`;
    expect((await t.api('GET', '/api/v1/cabinet/me', { cookie: both })).json().member.id).toBe(
      anna.id,
    );
    expect((await t.api('GET', '/api/v1/auth/me', { cookie: both })).json().user.login).toBe(
      'admin',
    );
  });

  it('every route that does not admit members answers a member session 401, and every cabinet route a staff session', async () => {
    const member = await annaSession();
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/'));
    const wrong: string[] = [];
    for (const route of routes) {
      const url = route.url.replace(/:(\w+)/g, (_, name: string) =>
        name === 'kind' ? 'members' : '1',
      );
      const cookie = route.callers.includes('member')
        ? route.callers.includes('staff')
          ? null
          : tree.admin
        : member;
      if (!cookie) continue;
      const response = await t.api(route.method as 'GET', url, { cookie });
      if (response.statusCode !== 401)
        wrong.push(`${route.method} ${route.url} → ${response.statusCode}`);
    }
    expect(wrong).toEqual([]);
    expect(
      routes.filter((r) => r.callers.includes('member') && !r.callers.includes('staff')).length,
    ).toBeGreaterThan(5);
  });

  it('me: the card and the org; the chairman named only with their consent to letters', async () => {
    const member = await annaSession();
    const before = (await t.api('GET', '/api/v1/cabinet/me', { cookie: member })).json();
    expect(before.org).toEqual({
      id: tree.orgs.primaryA1.id,
      name: 'ППО школы № 1',
      chairman: null,
    });
    await t.api('PATCH', `/api/v1/orgs/${tree.orgs.primaryA1.id}`, {
      cookie: tree.admin,
      body: {
        chairman: {
          lastName: 'Председателева',
          firstName: 'Мария',
          email: 'chair-a1@example.org',
          phone: '+79001234567',
          notify: { email: true },
        },
      },
    });
    const after = (await t.api('GET', '/api/v1/cabinet/me', { cookie: member })).json();
    expect(after.org.chairman).toEqual({
      fullName: 'Председателева Мария',
      email: 'chair-a1@example.org',
    });
    expect(JSON.stringify(after.org)).not.toContain('79001234567');
  });

  it('the member changes their own phone and address; any other field is invalid and changes nothing', async () => {
    const member = await annaSession();
    const ok = await t.api('PATCH', '/api/v1/cabinet/me', {
      cookie: member,
      body: { phone: '8 (912) 345-67-89', address: 'г. Энск, ул. Садовая, 1' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().member).toMatchObject({
      phone: '+79123456789',
      address: 'г. Энск, ул. Садовая, 1',
    });
    for (const body of [
      { lastName: 'Другая' },
      { email: 'other@example.org' },
      { phone: 'позвоните мне' },
      { address: 'x'.repeat(501) },
    ]) {
      const refused = await t.api('PATCH', '/api/v1/cabinet/me', { cookie: member, body });
      expect(refused.statusCode).toBe(422);
    }
    const card = (await t.api('GET', `/api/v1/members/${anna.id}`, { cookie: tree.admin })).json();
    expect(card).toMatchObject({ lastName: 'Кабинетова', email: 'anna.kab@example.org' });
    // The change is in the card's history, made by the member.
    const history = await t.api('GET', `/api/v1/members/${anna.id}/history`, {
      cookie: tree.admin,
    });
    expect(history.json().items[0]).toMatchObject({ action: 'update' });
  });

  it('withdrawing pd consent: the card shows it withdrawn, completeness counts it, the ledger keeps every entry', async () => {
    const member = await annaSession();
    const completeness = async () =>
      (
        await t.api('GET', `/api/v1/orgs/${tree.orgs.primaryA1.id}/completeness`, {
          cookie: tree.admin,
        })
      ).json().members.missing.pdConsent as number;
    const missingBefore = await completeness();
    const withdrawn = await t.api('POST', '/api/v1/cabinet/consents', {
      cookie: member,
      body: { kind: 'pd', granted: false },
    });
    expect(withdrawn.statusCode).toBe(201);
    expect(withdrawn.json()).toMatchObject({ kind: 'pd', granted: false, by: 'member' });
    const card = (await t.api('GET', `/api/v1/members/${anna.id}`, { cookie: tree.admin })).json();
    expect(card.pdConsent).toBeNull();
    expect(await completeness()).toBe(missingBefore + 1);
    await t.api('POST', '/api/v1/cabinet/consents', {
      cookie: member,
      body: { kind: 'pd', granted: true },
    });
    await t.api('POST', '/api/v1/cabinet/consents', {
      cookie: member,
      body: { kind: 'bonus_programme', granted: true },
    });
    const ledger = (await t.api('GET', '/api/v1/cabinet/consents', { cookie: member })).json();
    const pd = ledger.items.filter((e: { kind: string }) => e.kind === 'pd');
    // Newest first: given again today (current text), withdrawn, given on paper by staff.
    expect(
      pd.map((e: { granted: boolean; version: string; by: string }) => [
        e.granted,
        e.version,
        e.by,
      ]),
    ).toEqual([
      [true, '2026-01', 'member'],
      [false, '2026-01', 'member'],
      [true, '2019-1', 'staff'],
    ]);
    expect(ledger.items[0]).toMatchObject({ kind: 'bonus_programme', granted: true });
    expect(await completeness()).toBe(missingBefore);
    const bad = await t.api('POST', '/api/v1/cabinet/consents', {
      cookie: member,
      body: { kind: 'everything', granted: 'yes' },
    });
    expect(bad.statusCode).toBe(422);
  });

  it('the access log names the staff reader with role and org, and the member themself', async () => {
    await t.api('GET', `/api/v1/members/${anna.id}`, { cookie: viewerA });
    const member = await annaSession();
    const log = (
      await t.api('GET', '/api/v1/cabinet/access-log?limit=100', { cookie: member })
    ).json();
    const staffRead = log.items.find(
      (e: { action: string; actor: { fullName: string } }) =>
        e.action === 'member.read' && e.actor.fullName === 'Тестовый viewer-a',
    );
    expect(staffRead).toMatchObject({
      label: 'Просмотр карточки члена Профсоюза',
      actor: { kind: 'staff', role: 'viewer', orgName: 'Региональная организация А' },
    });
    expect(log.items.some((e: { actor: { kind: string } }) => e.actor.kind === 'member')).toBe(
      true,
    );
    // Paged by a cursor, newest first.
    const first = (
      await t.api('GET', '/api/v1/cabinet/access-log?limit=2', { cookie: member })
    ).json();
    const next = (
      await t.api('GET', `/api/v1/cabinet/access-log?limit=2&cursor=${first.nextCursor}`, {
        cookie: member,
      })
    ).json();
    expect(next.items[0].id).not.toBe(first.items[1].id);
    expect(next.items[0].at <= first.items[1].at).toBe(true);
  });

  it('the export holds the card, periods, history, consents, access log and letters as one JSON file', async () => {
    const member = await annaSession();
    const response = await t.api('GET', '/api/v1/cabinet/export', { cookie: member });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/attachment/);
    const data = response.json();
    expect(data.member.id).toBe(anna.id);
    expect(data.periods[0]).toMatchObject({ orgId: tree.orgs.primaryA1.id });
    expect(data.history.length).toBeGreaterThan(0);
    expect(data.consents.length).toBeGreaterThan(0);
    expect(data.accessLog.length).toBeGreaterThan(0);
    expect(data.letters.some((l: { kind: string }) => l.kind === 'login_code')).toBe(true);
    expect(data).toHaveProperty('purchases');
    expect(data).toHaveProperty('surveyAnswers');
  });

  it('the virtual card: number, holder, org and a QR token a partner can check, with no name in it', async () => {
    const member = await annaSession();
    const card = (await t.api('GET', '/api/v1/cabinet/card', { cookie: member })).json();
    expect(card).toMatchObject({
      cardNumber: anna.cardNumber,
      holder: 'Кабинетова Анна Сергеевна',
      orgName: 'ППО школы № 1',
      status: 'active',
    });
    expect(card.qr).not.toMatch(/Кабинетова|Анна/);
    const key = await cardTokenKey(t.database.db);
    expect(verifyCardToken(key, card.qr, new Date())).toBe(anna.cardNumber);
  });

  it('the first sign-in issues a virtual card, once; a blocked one comes back on request', async () => {
    const member = await annaSession();
    const own = (await t.api('GET', '/api/v1/cabinet/cards', { cookie: member })).json();
    expect(own.cardNumber).toBe(anna.cardNumber);
    const virtual = own.items.filter((c: { kind: string }) => c.kind === 'virtual');
    expect(virtual).toMatchObject([{ status: 'active', blockReason: null }]);
    // Asked again: the same card, not a second one.
    const again = await t.api('POST', '/api/v1/cabinet/cards/virtual', { cookie: member });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(virtual[0].id);
    // Staff block it (a lost phone); the member asks for a new one: the number stays.
    const blocked = await t.api('POST', `/api/v1/members/${anna.id}/cards/${virtual[0].id}/block`, {
      cookie: tree.admin,
      body: { reason: 'lost', reissue: false },
    });
    expect(blocked.statusCode).toBe(200);
    const renewed = await t.api('POST', '/api/v1/cabinet/cards/virtual', { cookie: member });
    expect(renewed.json()).toMatchObject({ kind: 'virtual', status: 'active' });
    expect(renewed.json().id).not.toBe(virtual[0].id);
    const after = (await t.api('GET', '/api/v1/cabinet/cards', { cookie: member })).json();
    expect(after.cardNumber).toBe(anna.cardNumber);
    expect(after.items.map((c: { status: string }) => c.status).sort()).toEqual([
      'active',
      'blocked',
    ]);
  });

  it('staff invite a member to the cabinet: a letter linking to sign-in with the address filled in', async () => {
    const response = await t.api('POST', `/api/v1/members/${anna.id}/cabinet-invitation`, {
      cookie: tree.admin,
    });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ queued: true, to: 'anna.kab@example.org' });
    const [letter] = await until(
      async () =>
        sink.received.filter((m) => m.subject === 'Профреестр: ваш личный кабинет члена Профсоюза'),
      (found) => found.length > 0,
    );
    expect(letter?.text).toContain(
      'https://reestr.union.example/cabinet/login?email=anna.kab%40example.org',
    );
    // A viewer may not invite; an editor of another subtree does not see the member.
    expect(
      (await t.api('POST', `/api/v1/members/${anna.id}/cabinet-invitation`, { cookie: viewerA }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.api('POST', `/api/v1/members/${anna.id}/cabinet-invitation`, { cookie: chairmanB1 }))
        .statusCode,
    ).toBe(404);
    const noEmail = await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Безпочтова',
      firstName: 'Нина',
    });
    const refused = await t.api('POST', `/api/v1/members/${noEmail.id}/cabinet-invitation`, {
      cookie: tree.admin,
    });
    expect(refused.statusCode).toBe(422);
  });

  it('signing out ends the session; a member taken off record loses theirs', async () => {
    const leaving = await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Уходящая',
      firstName: 'Вера',
      email: 'vera.leaving@example.org',
    });
    const first = await signIn('vera.leaving@example.org');
    expect((await t.api('POST', '/api/v1/cabinet/auth/logout', { cookie: first })).statusCode).toBe(
      204,
    );
    expect((await t.api('GET', '/api/v1/cabinet/me', { cookie: first })).statusCode).toBe(401);
    const session = await signIn('vera.leaving@example.org');
    expect((await t.api('GET', '/api/v1/cabinet/me', { cookie: session })).statusCode).toBe(200);
    const off = await t.api('POST', `/api/v1/members/${leaving.id}/deregister`, {
      cookie: tree.admin,
      body: { reason: 'own_wish', on: todayIso() },
    });
    expect(off.statusCode).toBe(200);
    expect((await t.api('GET', '/api/v1/cabinet/me', { cookie: session })).statusCode).toBe(401);
  });
});
