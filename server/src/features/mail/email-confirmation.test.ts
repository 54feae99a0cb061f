import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putOnRecord } from '../../../test/member-fixture.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

// Letters wait in the outbox here (no SMTP): the link is read from the queued letter itself.

describe('e-mail confirmation', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  beforeAll(async () => {
    t = await createTestApp({ mail: { publicUrl: 'https://reestr.union.example' } });
    tree = await buildTree(t);
  });
  afterAll(() => t.close());

  const linkTo = async (address: string) => {
    const [letter] = (await t.database.query(
      `select text_body from mail_messages where kind = 'email_confirmation' and to_address = $1
       order by id desc limit 1`,
      [address],
    )) as { text_body: string }[];
    return /https:\/\/reestr\.union\.example\/email\/confirm\?token=([A-Za-z0-9_-]+)/.exec(
      letter?.text_body ?? '',
    )?.[1];
  };
  const card = async (id: string) =>
    (await t.api('GET', `/api/v1/members/${id}`, { cookie: tree.admin })).json();
  const confirm = (token: string) => t.api('POST', '/api/v1/email/confirm', { body: { token } });

  it('a member whose e-mail staff entered confirms it once with the letter link', async () => {
    const member = await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Подтверждаева',
      firstName: 'Елена',
      middleName: 'Игоревна',
      email: 'elena@example.org',
    });
    expect(member.emailVerified).toBe(false);
    const token = (await linkTo('elena@example.org')) as string;
    expect(token).toBeDefined();
    const [letter] = (await t.database.query(
      `select subject, text_body from mail_messages where kind = 'email_confirmation' and to_address = 'elena@example.org'`,
    )) as { subject: string; text_body: string }[];
    expect(letter?.text_body).toContain('Здравствуйте, Елена Игоревна!');

    // An admin reading the letter in «Почта» sees no usable link.
    const [queued] = (await t.database.query(
      `select id from mail_messages where kind = 'email_confirmation' and to_address = 'elena@example.org'`,
    )) as { id: string }[];
    const shown = (
      await t.api('GET', `/api/v1/mail/messages/${queued?.id}`, { cookie: tree.admin })
    ).json();
    expect(shown.text).toContain('/email/confirm?token=…');
    expect(shown.text).not.toContain(token);
    expect(shown.html).not.toContain(token);

    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await confirm(altered)).statusCode).toBe(404);
    expect((await card(member.id)).emailVerified).toBe(false);

    expect((await confirm(token)).statusCode).toBe(200);
    expect((await card(member.id)).emailVerified).toBe(true);
    // Single-use.
    expect((await confirm(token)).statusCode).toBe(404);
  });

  it('a changed e-mail is unconfirmed again and gets its own letter; the old link confirms nothing', async () => {
    const member = await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Сменяева',
      firstName: 'Ольга',
      email: 'old@example.org',
    });
    const oldToken = (await linkTo('old@example.org')) as string;
    const changed = await t.api('PATCH', `/api/v1/members/${member.id}`, {
      cookie: tree.admin,
      body: { email: 'new@example.org' },
    });
    expect(changed.json().emailVerified).toBe(false);
    expect((await confirm(oldToken)).statusCode).toBe(404);
    const newToken = (await linkTo('new@example.org')) as string;
    expect((await confirm(newToken)).statusCode).toBe(200);
    expect((await card(member.id)).emailVerified).toBe(true);
  });

  it('a link older than seven days has expired', async () => {
    await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Опоздаева',
      firstName: 'Нина',
      email: 'late@example.org',
    });
    const token = (await linkTo('late@example.org')) as string;
    await t.database.query(
      `update email_confirmations set expires_at = now() - interval '1 minute' where email = 'late@example.org'`,
    );
    expect((await confirm(token)).statusCode).toBe(404);
  });
});
