import { setTimeout as sleep } from 'node:timers/promises';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putOnRecord } from '../../../test/member-fixture.js';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/test-app.js';
import { createTestDatabase } from '../../../test/test-database.js';
import { buildTree } from '../../../test/tree-fixture.js';
import { until } from '../../../test/until.js';
import { buildApp } from '../../app.js';
import { ensureFirstStart } from '../system/first-start.js';

const WEBHOOK_TOKEN = 'bounce-webhook-test-token';

type Tree = Awaited<ReturnType<typeof buildTree>>;

/** The chairman of a primary with an e-mail; `consent`: letters by e-mail allowed. */
async function setChairman(t: TestApp, tree: Tree, orgId: string, email: string, consent = true) {
  const response = await t.api('PATCH', `/api/v1/orgs/${orgId}`, {
    cookie: tree.admin,
    body: {
      chairman: {
        lastName: 'Председателева',
        firstName: 'Мария',
        middleName: 'Ивановна',
        email,
        notify: { email: consent },
      },
    },
  });
  expect(response.statusCode).toBe(200);
}

async function letters(t: TestApp, cookie: string, query = '') {
  const response = await t.api('GET', `/api/v1/mail/messages?limit=200${query}`, { cookie });
  expect(response.statusCode).toBe(200);
  return response.json().items as {
    id: string;
    kind: string;
    to: string;
    subject: string;
    status: string;
    attempts: number;
    lastError: string | null;
  }[];
}

describe('without SMTP_URL', () => {
  let t: TestApp;
  let tree: Tree;
  beforeAll(async () => {
    t = await createTestApp();
    tree = await buildTree(t);
    await setChairman(t, tree, tree.orgs.primaryA1.id, 'chair-a1@example.org');
  });
  afterAll(() => t.close());

  it('a letter waits in the outbox, queued and visible to admins, nothing pretends to be sent', async () => {
    await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Ожидаева',
      firstName: 'Вера',
    });
    await sleep(300);
    const [letter] = await letters(t, tree.admin);
    expect(letter).toMatchObject({
      kind: 'member_registered',
      to: 'chair-a1@example.org',
      status: 'queued',
      attempts: 0,
      subject: 'Профреестр: Поставлен(а) на учёт: Ожидаева Вера',
    });
  });
});

describe('delivery over SMTP', () => {
  let t: TestApp;
  let tree: Tree;
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      mail: {
        smtpUrl: sink.url,
        from: 'Профреестр <noreply@union.example>',
        publicUrl: 'https://reestr.union.example',
        retryBaseSeconds: 0.2,
        maxAttempts: 4,
        webhookToken: WEBHOOK_TOKEN,
      },
    });
    tree = await buildTree(t);
    await setChairman(t, tree, tree.orgs.primaryA1.id, 'chair-a1@example.org');
    await setChairman(t, tree, tree.orgs.primaryA2.id, 'chair-a2@example.org');
    // The chairman of B1 has an address but did not agree to letters.
    await setChairman(t, tree, tree.orgs.primaryB1.id, 'chair-b1@example.org', false);
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const arrived = (subject: string) =>
    until(
      async () => sink.received.filter((m) => m.subject === subject),
      (found) => found.length > 0,
    );

  it('the chairman hears of a member put on record: Russian text, HTML escaped, a link, a Message-ID', async () => {
    const member = await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Новикова',
      firstName: 'Анна',
      middleName: 'Петровна',
    });
    const [mail] = await arrived('Профреестр: Поставлен(а) на учёт: Новикова Анна Петровна');
    expect(mail?.to).toMatchObject({ value: [{ address: 'chair-a1@example.org' }] });
    expect(mail?.from?.value[0]).toMatchObject({ address: 'noreply@union.example' });
    expect(mail?.messageId).toMatch(/^<[0-9a-f-]{36}@union\.example>$/);
    expect(mail?.text).toContain('Здравствуйте, Мария Ивановна!');
    expect(mail?.text).toContain('«ППО школы № 1»');
    expect(mail?.text).toContain(`https://reestr.union.example/members/${member.id}`);
    expect(mail?.html).toContain(`href="https://reestr.union.example/members/${member.id}"`);
    const [letter] = await until(
      () => letters(t, tree.admin, '&kind=member_registered'),
      (items) => items[0]?.status === 'sent',
    );
    expect(letter).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
  });

  it('a transfer tells both chairmen; a chairman without consent gets nothing', async () => {
    const member = await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Переводова',
      firstName: 'Ольга',
    });
    const moved = await t.api('POST', `/api/v1/members/${member.id}/transfer`, {
      cookie: tree.admin,
      body: { toOrgId: tree.orgs.primaryA2.id, on: new Date().toISOString().slice(0, 10) },
    });
    expect(moved.statusCode).toBe(200);
    const [out] = await arrived('Профреестр: Переведён(а) от вас: Переводова Ольга');
    const [into] = await arrived('Профреестр: Переведён(а) к вам: Переводова Ольга');
    expect(out?.to).toMatchObject({ value: [{ address: 'chair-a1@example.org' }] });
    expect(out?.text).toContain('в «ППО школы № 2»');
    expect(into?.to).toMatchObject({ value: [{ address: 'chair-a2@example.org' }] });
    expect(into?.text).toContain('из «ППО школы № 1»');

    await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryB1.id,
      lastName: 'Безписьмова',
      firstName: 'Нина',
    });
    await sleep(1500);
    expect(sink.received.some((m) => m.subject?.includes('Безписьмова'))).toBe(false);
    expect((await letters(t, tree.admin)).some((l) => l.subject.includes('Безписьмова'))).toBe(
      false,
    );
  });

  it('451 twice, then accepted: the same Message-ID each time, sent after three attempts', async () => {
    sink.refuseWith((mail, attempt) =>
      mail.subject?.includes('Повторова') && attempt <= 2
        ? { code: 451, message: 'Try again later' }
        : null,
    );
    await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Повторова',
      firstName: 'Ирина',
    });
    const [mail] = await arrived('Профреестр: Поставлен(а) на учёт: Повторова Ирина');
    expect(sink.attempts.get(mail?.messageId ?? '')).toBe(3);
    const letter = await until(
      async () =>
        (await letters(t, tree.admin, '&to=chair-a1')).find((l) => l.subject.includes('Повторова')),
      (l) => l?.status === 'sent',
    );
    expect(letter).toMatchObject({ status: 'sent', attempts: 3 });
    sink.refuseWith(() => null);
  });

  it('550 fails the letter at once with the server reason, and an admin can send it again', async () => {
    sink.refuseWith((mail) =>
      mail.subject?.includes('Отказова') ? { code: 550, message: 'Mailbox unavailable' } : null,
    );
    await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Отказова',
      firstName: 'Дина',
    });
    const letter = await until(
      async () =>
        (await letters(t, tree.admin, '&status=failed')).find((l) =>
          l.subject.includes('Отказова'),
        ),
      (l) => l !== undefined,
    );
    expect(letter).toMatchObject({ status: 'failed', attempts: 1 });
    expect(letter?.lastError).toMatch(/550/);

    sink.refuseWith(() => null);
    const resent = await t.api('POST', `/api/v1/mail/messages/${letter?.id}/resend`, {
      cookie: tree.admin,
    });
    expect(resent.statusCode).toBe(200);
    await arrived('Профреестр: Поставлен(а) на учёт: Отказова Дина');
    const again = await t.api('POST', `/api/v1/mail/messages/${letter?.id}/resend`, {
      cookie: tree.admin,
    });
    expect(again.statusCode).toBe(409);
  });

  it('a worker killed between sending and marking: the letter goes again after the lease, with the same Message-ID', async () => {
    sink.refuseWith(() => null);
    // The state a worker killed between the SMTP answer and marking leaves: the letter leased
    // (`sending`, its lease of 1 s running), and the server holding it.
    await t.database.query(
      `insert into mail_messages (kind, to_address, subject, text_body, html_body, message_id,
         status, attempts, locked_until)
       values ('mailing', 'lost@example.org', 'Потерянное письмо', 'Текст', '<p>Текст</p>',
         '<lost-1@union.example>', 'sending', 1, now() + interval '1 second')`,
    );
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: sink.port,
      secure: false,
    });
    await transport.sendMail({
      from: 'noreply@union.example',
      to: 'lost@example.org',
      subject: 'Потерянное письмо',
      text: 'Текст',
      messageId: '<lost-1@union.example>',
    });
    transport.close();
    // The lease (1 s) runs out; the app's worker takes the letter again and marks it.
    await until(
      async () =>
        (await t.database.query(
          `select status from mail_messages where message_id = '<lost-1@union.example>'`,
        )) as { status: string }[],
      (rows) => rows[0]?.status === 'sent',
      20_000,
    );
    const copies = sink.received.filter((m) => m.messageId === '<lost-1@union.example>');
    expect(copies).toHaveLength(2);
  });

  it('a server refusing the sender fails no letter: they wait, uncounted, and go when it accepts', async () => {
    sink.refuseSenderWith({ code: 550, message: 'Sender address rejected' });
    await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA2.id,
      lastName: 'Отправителева',
      firstName: 'Инна',
    });
    const waiting = await until(
      async () =>
        (await letters(t, tree.admin, '&to=chair-a2')).find((l) =>
          l.subject.includes('Отправителева'),
        ),
      (l) => !!l?.lastError,
    );
    expect(waiting).toMatchObject({ status: 'queued', attempts: 0 });
    expect(waiting?.lastError).toMatch(/Sender address rejected/);
    sink.refuseSenderWith(null);
    await arrived('Профреестр: Поставлен(а) на учёт: Отправителева Инна');
  }, 30_000);

  it('admins see letters of their subtree only; editors see none', async () => {
    const regionB = await tree.user('mail-admin-b', 'admin', tree.orgs.regionB.id);
    expect(regionB.id).toBeDefined();
    const adminB = await t.login('mail-admin-b');
    const ofB = await letters(t, adminB);
    expect(ofB.every((l) => !l.to.startsWith('chair-a'))).toBe(true);
    const [ofA] = await letters(t, tree.admin, '&to=chair-a1');
    const hidden = await t.api('GET', `/api/v1/mail/messages/${ofA?.id}`, { cookie: adminB });
    expect(hidden.statusCode).toBe(404);
    await tree.user('mail-editor', 'editor', tree.orgs.regionA.id);
    const editor = await t.login('mail-editor');
    const refused = await t.api('GET', '/api/v1/mail/messages', { cookie: editor });
    expect(refused.statusCode).toBe(403);
  });

  it('a bounce with a wrong token is 401 and on record; with the right one the letter is bounced', async () => {
    const [letter] = await letters(t, tree.admin, '&status=sent');
    const detail = (
      await t.api('GET', `/api/v1/mail/messages/${letter?.id}`, { cookie: tree.admin })
    ).json();
    const wrong = await t.api('POST', '/api/v1/mail/bounces', {
      headers: { authorization: 'Bearer not-the-token-at-all' },
      body: { messageId: detail.messageId, type: 'hard', reason: 'User unknown' },
    });
    expect(wrong.statusCode).toBe(401);
    const denied = (await t.database.query(
      `select result from audit_log where action = 'mail.bounce' order by id desc limit 1`,
    )) as { result: string }[];
    expect(denied[0]?.result).toBe('denied');

    const right = await t.api('POST', '/api/v1/mail/bounces', {
      headers: { authorization: `Bearer ${WEBHOOK_TOKEN}` },
      body: { messageId: detail.messageId, type: 'hard', reason: 'User unknown' },
    });
    expect(right.statusCode).toBe(204);
    const after = (
      await t.api('GET', `/api/v1/mail/messages/${letter?.id}`, { cookie: tree.admin })
    ).json();
    expect(after).toMatchObject({ status: 'bounced', lastError: 'User unknown' });
  });
});

describe('letters move with their org', () => {
  it('an org moved to another region takes its letters along: the new region admin sees them', async () => {
    const t = await createTestApp();
    try {
      const tree = await buildTree(t);
      await setChairman(t, tree, tree.orgs.primaryA1.id, 'chair-a1@example.org');
      await putOnRecord(t, tree.admin, {
        orgId: tree.orgs.primaryA1.id,
        lastName: 'Переездова',
        firstName: 'Алла',
      });
      await tree.user('mover-admin-b', 'admin', tree.orgs.regionB.id);
      const adminB = await t.login('mover-admin-b');
      expect(await letters(t, adminB)).toHaveLength(0);
      const moved = await t.api('POST', `/api/v1/orgs/${tree.orgs.terrA.id}/move`, {
        cookie: tree.admin,
        body: { parentId: tree.orgs.regionB.id },
      });
      expect(moved.statusCode).toBe(200);
      const [letter] = await letters(t, adminB);
      expect(letter?.subject).toBe('Профреестр: Поставлен(а) на учёт: Переездова Алла');
    } finally {
      await t.close();
    }
  });
});

describe('SMTP down for a while', () => {
  it('letters wait and go when the server returns', async () => {
    // A port nobody listens on yet: connections are refused.
    const probe = await startSmtpSink();
    const port = probe.port;
    await probe.close();
    const t = await createTestApp({
      mail: { smtpUrl: `smtp://127.0.0.1:${port}`, retryBaseSeconds: 0.3, maxAttempts: 20 },
    });
    let sink: SmtpSink | undefined;
    try {
      const tree = await buildTree(t);
      await setChairman(t, tree, tree.orgs.primaryA1.id, 'chair-a1@example.org');
      await putOnRecord(t, tree.admin, {
        orgId: tree.orgs.primaryA1.id,
        lastName: 'Терпеливова',
        firstName: 'Зоя',
      });
      const waiting = await until(
        () => letters(t, tree.admin),
        (items) => !!items[0]?.lastError,
      );
      expect(waiting[0]).toMatchObject({ status: 'queued' });
      expect(waiting[0]?.lastError).toBeTruthy();
      sink = await startSmtpSink(port);
      const sent = await until(
        () => letters(t, tree.admin),
        (items) => items[0]?.status === 'sent',
        20_000,
      );
      expect(sent[0]).toMatchObject({ status: 'sent' });
      expect(sink.received.map((m) => m.subject)).toContain(
        'Профреестр: Поставлен(а) на учёт: Терпеливова Зоя',
      );
    } finally {
      // The app first: its pooled connections end, so the server closes at once.
      await t.close();
      await sink?.close();
    }
  }, 60_000);
});

describe('a restart with letters in the queue', () => {
  it('letters queued before the restart leave after it, once SMTP is configured', async () => {
    const database = await createTestDatabase();
    await ensureFirstStart(database, ADMIN_PASSWORD);
    const sink = await startSmtpSink();
    try {
      // The first run has no SMTP: the letter waits.
      const before = await buildApp({
        database,
        logger: false,
        security: { mfaRequiredRoles: [] },
      });
      const api = (
        app: typeof before,
        method: 'GET' | 'POST' | 'PATCH',
        url: string,
        cookie?: string,
        body?: unknown,
      ) =>
        app.inject({
          method,
          url,
          headers: cookie ? { cookie } : {},
          ...(body ? { payload: body as object } : {}),
        });
      const login = await api(before, 'POST', '/api/v1/auth/login', undefined, {
        login: 'admin',
        password: ADMIN_PASSWORD,
      });
      const cookie = `prf_session=${login.cookies.find((c) => c.name === 'prf_session')?.value}`;
      const me = (await api(before, 'GET', '/api/v1/auth/me', cookie)).json();
      const org = async (code: string, level: string, parentId: string, name: string) =>
        (await api(before, 'POST', '/api/v1/orgs', cookie, { code, level, parentId, name })).json();
      const region = await org('R-1', 'regional', me.user.orgId, 'Региональная организация');
      const district = await org('T-1', 'territorial', region.id, 'Городская организация');
      const primary = await org('P-1', 'primary', district.id, 'ППО перезапуска');
      await api(before, 'PATCH', `/api/v1/orgs/${primary.id}`, cookie, {
        chairman: {
          lastName: 'Ждущая',
          firstName: 'Анна',
          email: 'wait@example.org',
          notify: { email: true },
        },
      });
      const member = await api(before, 'POST', '/api/v1/members', cookie, {
        orgId: primary.id,
        lastName: 'Перезапускова',
        firstName: 'Лидия',
      });
      expect(member.statusCode).toBe(201);
      await before.close();
      const [queued] = (await database.query(
        `select status from mail_messages where to_address = 'wait@example.org'`,
      )) as { status: string }[];
      expect(queued?.status).toBe('queued');

      // The next run has SMTP: the letter from before goes.
      const after = await buildApp({
        database,
        logger: false,
        security: { mfaRequiredRoles: [] },
        mail: { smtpUrl: sink.url },
      });
      try {
        await until(
          async () => sink.received.length,
          (n) => n > 0,
        );
        expect(sink.received[0]?.subject).toBe(
          'Профреестр: Поставлен(а) на учёт: Перезапускова Лидия',
        );
      } finally {
        await after.close();
      }
    } finally {
      await sink.close();
      await database.close();
    }
  });
});
