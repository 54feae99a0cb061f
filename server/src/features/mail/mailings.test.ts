import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putOnRecord } from '../../../test/member-fixture.js';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';
import { until } from '../../../test/until.js';
import { defaultMailConfig } from '../../config.js';
import { startMailDelivery } from './mail-delivery.js';

type Tree = Awaited<ReturnType<typeof buildTree>>;

/** A raw header of a received letter (mailparser turns List-* headers into objects). */
const rawHeader = (mail: ParsedMail | undefined, key: string) =>
  mail?.headerLines.find((h) => h.key === key)?.line.replace(/^[^:]+:\s*/, '');

describe('mailings', () => {
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
        ratePerSecond: 1000,
      },
    });
    tree = await buildTree(t);
    const on = (orgId: string, lastName: string, extra: Record<string, unknown>) =>
      putOnRecord(t, tree.admin, {
        orgId,
        lastName,
        firstName: 'Анна',
        middleName: 'Петровна',
        ...extra,
      });
    // Region A: two who can receive letters, one without an e-mail, one who did not agree,
    // one pensioner (left out when the mailing is for the working).
    await on(tree.orgs.primaryA1.id, 'Письмова', {
      category: 'working',
      email: 'pismova@example.org',
      notify: { email: true },
    });
    await on(tree.orgs.primaryA2.id, 'Рассылкина', {
      category: 'working',
      email: 'rassylkina@example.org',
      notify: { email: true },
    });
    await on(tree.orgs.primaryA1.id, 'Безадресова', { category: 'working' });
    await on(tree.orgs.primaryA1.id, 'Несогласова', {
      category: 'working',
      email: 'nesoglasova@example.org',
    });
    await on(tree.orgs.primaryA2.id, 'Пенсионерова', {
      category: 'pensioner',
      email: 'pensionerova@example.org',
      notify: { email: true },
    });
    // Region B: never in region A's mailing.
    await on(tree.orgs.primaryB1.id, 'Чужакова', {
      category: 'working',
      email: 'chuzhakova@example.org',
      notify: { email: true },
    });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const draft = (cookie: string, body: Record<string, unknown>) =>
    t.api('POST', '/api/v1/mailings', { cookie, body });

  it('a draft counts its audience: those without an e-mail and without consent apart', async () => {
    const response = await draft(tree.admin, {
      subject: 'Собрание',
      body: 'Приглашаем на собрание.',
      audience: { kind: 'members', under: tree.orgs.terrA.id, categories: ['working'] },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      status: 'draft',
      recipients: { total: 4, withoutEmail: 1, withoutConsent: 1 },
    });
  });

  it('an empty subject names the field; an org out of reach is not found', async () => {
    const empty = await draft(tree.admin, {
      subject: '   ',
      body: 'Текст',
      audience: { kind: 'members', under: tree.orgs.terrA.id },
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.details[0]).toMatchObject({ field: 'subject' });
    await tree.user('mailing-editor-b', 'editor', tree.orgs.regionB.id);
    const editorB = await t.login('mailing-editor-b');
    const outside = await draft(editorB, {
      subject: 'Тема',
      body: 'Текст',
      audience: { kind: 'members', under: tree.orgs.terrA.id },
    });
    expect(outside.statusCode).toBe(404);
    await tree.user('mailing-viewer', 'viewer', tree.orgs.regionA.id);
    const viewer = await t.login('mailing-viewer');
    const refused = await draft(viewer, {
      subject: 'Тема',
      body: 'Текст',
      audience: { kind: 'members', under: tree.orgs.terrA.id },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('sending writes one recipient per person and delivers to each who may receive it, with one-click unsubscribe', async () => {
    const created = (
      await draft(tree.admin, {
        subject: 'Профсоюзное собрание 10 декабря',
        body: 'Приглашаем на собрание.\n\nНачало в 15:00.',
        audience: { kind: 'members', under: tree.orgs.terrA.id, categories: ['working'] },
      })
    ).json();
    const sent = await t.api('POST', `/api/v1/mailings/${created.id}/send`, { cookie: tree.admin });
    expect(sent.statusCode).toBe(202);
    expect(sent.json().status).toBe('sending');
    const again = await t.api('POST', `/api/v1/mailings/${created.id}/send`, {
      cookie: tree.admin,
    });
    expect(again.statusCode).toBe(409);

    const done = await until(
      async () =>
        (await t.api('GET', `/api/v1/mailings/${created.id}`, { cookie: tree.admin })).json(),
      (m) => m.status === 'sent',
    );
    expect(done).toMatchObject({
      status: 'sent',
      prepared: 4,
      counts: { total: 4, sent: 2, queued: 0, failed: 0, bounced: 0, skipped: 2 },
    });
    const letters = sink.received.filter((m) => m.subject === 'Профсоюзное собрание 10 декабря');
    expect(letters.map((m) => m.to && 'value' in m.to && m.to.value[0]?.address).sort()).toEqual([
      'pismova@example.org',
      'rassylkina@example.org',
    ]);
    const letter = letters.find((m) => m.text?.includes('Здравствуйте, Анна Петровна!'));
    expect(letter?.text).toContain('Начало в 15:00.');
    const listUnsubscribe = String(rawHeader(letter, 'list-unsubscribe'));
    expect(listUnsubscribe).toMatch(
      /^<https:\/\/reestr\.union\.example\/api\/v1\/unsubscribe\?token=m\d+\.[A-Za-z0-9_-]{32}>$/,
    );
    expect(rawHeader(letter, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(letter?.text).toContain('https://reestr.union.example/unsubscribe?token=m');

    const recipients = (
      await t.api('GET', `/api/v1/mailings/${created.id}/recipients?limit=50`, {
        cookie: tree.admin,
      })
    ).json().items as { name: string; status: string; reason: string | null }[];
    expect(recipients.map((r) => [r.name.split(' ')[0], r.status, r.reason]).sort()).toEqual([
      ['Безадресова', 'skipped', 'no_email'],
      ['Несогласова', 'skipped', 'no_consent'],
      ['Письмова', 'sent', null],
      ['Рассылкина', 'sent', null],
    ]);
    const skipped = (
      await t.api('GET', `/api/v1/mailings/${created.id}/recipients?status=skipped`, {
        cookie: tree.admin,
      })
    ).json().items;
    expect(skipped).toHaveLength(2);

    // The unsubscribe link: altered by one character it is not found and changes nothing;
    // as sent, it turns the consent off (a mail client posts the form RFC 8058 describes).
    const token = /token=([^>]+)>/.exec(listUnsubscribe)?.[1] as string;
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/unsubscribe?token=${altered}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(refused.statusCode).toBe(404);
    const next = await draft(tree.admin, {
      subject: 'Ещё',
      body: 'Текст',
      audience: { kind: 'members', under: tree.orgs.terrA.id, categories: ['working'] },
    });
    expect(next.json().recipients.withoutConsent).toBe(1);
    const unsubscribed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/unsubscribe?token=${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.statusCode).toBe(200);
    const recount = await t.api('GET', `/api/v1/mailings/${next.json().id}`, {
      cookie: tree.admin,
    });
    expect(recount.json().recipients.withoutConsent).toBe(2);
  });

  it('a mailing to chairmen by level reaches the chairmen with e-mail and consent', async () => {
    await t.api('PATCH', `/api/v1/orgs/${tree.orgs.primaryA1.id}`, {
      cookie: tree.admin,
      body: {
        chairman: {
          lastName: 'Главная',
          firstName: 'Ольга',
          middleName: 'Сергеевна',
          email: 'glavnaya@example.org',
          notify: { email: true },
        },
      },
    });
    await t.api('PATCH', `/api/v1/orgs/${tree.orgs.primaryA2.id}`, {
      cookie: tree.admin,
      body: { chairman: { lastName: 'Безпочтова', firstName: 'Ирина' } },
    });
    const created = (
      await draft(tree.admin, {
        subject: 'Председателям первичных',
        body: 'Сдайте отчёты до 20 декабря.',
        audience: { kind: 'chairmen', under: tree.centralId, levels: ['primary'] },
      })
    ).json();
    expect(created.recipients).toEqual({ total: 2, withoutEmail: 1, withoutConsent: 0 });
    await t.api('POST', `/api/v1/mailings/${created.id}/send`, { cookie: tree.admin });
    await until(
      async () => sink.received.filter((m) => m.subject === 'Председателям первичных'),
      (found) => found.length > 0,
    );
    const [mail] = sink.received.filter((m) => m.subject === 'Председателям первичных');
    expect(mail?.text).toContain('Здравствуйте, Ольга Сергеевна!');
    expect(rawHeader(mail, 'list-unsubscribe')).toMatch(/token=c\d+\./);
  });
});

describe('a mailing sent over hours', () => {
  it('a member who turns letters off before their letter leaves does not get it', async () => {
    // No SMTP at first: the letters wait in the outbox, as during a long mailing.
    const t = await createTestApp();
    const sink = await startSmtpSink();
    try {
      const tree = await buildTree(t);
      const stays = await putOnRecord(t, tree.admin, {
        orgId: tree.orgs.primaryA1.id,
        lastName: 'Остаётся',
        firstName: 'Вера',
        email: 'stays@example.org',
        notify: { email: true },
      });
      const leaves = await putOnRecord(t, tree.admin, {
        orgId: tree.orgs.primaryA1.id,
        lastName: 'Передумала',
        firstName: 'Нина',
        email: 'leaves@example.org',
        notify: { email: true },
      });
      expect(stays.id).toBeDefined();
      const created = (
        await t.api('POST', '/api/v1/mailings', {
          cookie: tree.admin,
          body: {
            subject: 'Долгая рассылка',
            body: 'Текст.',
            audience: { kind: 'members', under: tree.orgs.primaryA1.id },
          },
        })
      ).json();
      await t.api('POST', `/api/v1/mailings/${created.id}/send`, { cookie: tree.admin });
      await until(
        async () =>
          (await t.api('GET', `/api/v1/mailings/${created.id}`, { cookie: tree.admin })).json(),
        (m) => m.prepared === 2,
      );
      // She turns letters off on her card while her letter is still in the queue.
      const off = await t.api('PATCH', `/api/v1/members/${leaves.id}`, {
        cookie: tree.admin,
        body: { notify: { email: false } },
      });
      expect(off.statusCode).toBe(200);

      const delivery = startMailDelivery(
        t.database.db,
        { ...defaultMailConfig, smtpUrl: sink.url, ratePerSecond: 1000 },
        { error: () => undefined },
        { pollMs: 100 },
      );
      try {
        const recipients = await until(
          async () =>
            (
              await t.api('GET', `/api/v1/mailings/${created.id}/recipients`, {
                cookie: tree.admin,
              })
            ).json().items as { name: string; status: string; reason: string | null }[],
          (items) => items.every((r) => r.status !== 'queued'),
        );
        expect(recipients.map((r) => [r.name.split(' ')[0], r.status]).sort()).toEqual([
          ['Остаётся', 'sent'],
          ['Передумала', 'failed'],
        ]);
        expect(recipients.find((r) => r.status === 'failed')?.reason).toMatch(/отказался/);
        // Her address's confirmation letter still goes; the mailing's only to the one who stays.
        const ofMailing = sink.received.filter((m) => m.subject === 'Долгая рассылка');
        expect(ofMailing.map((m) => m.to && 'value' in m.to && m.to.value[0]?.address)).toEqual([
          'stays@example.org',
        ]);
      } finally {
        await delivery?.stop();
      }
    } finally {
      await t.close();
      await sink.close();
    }
  });
});
