import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { purgeOldLetterBodies } from './mail-retention.js';

// Delivered letters keep their text for MAIL_RETENTION_DAYS: afterwards the text is gone and
// the status, address and dates stay; letters not delivered keep theirs (they may be resent).

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.close());

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-12-03T10:00:00Z');

async function letter(id: string, status: 'sent' | 'failed', sentDaysAgo: number) {
  const sentAt = new Date(now.getTime() - sentDaysAgo * DAY).toISOString();
  const [row] = (await t.database.query(
    `insert into mail_messages (kind, to_address, subject, text_body, html_body, message_id,
       status, attempts, sent_at, created_at)
     values ('login_code', $1, 'Код входа', 'Ваш код: 123456', '<p>Ваш код</p>', $2, $3, 1,
       $4, $4)
     returning id::text`,
    [`${id}@example.org`, `<${id}@union.example>`, status, sentAt],
  )) as { id: string }[];
  return row?.id as string;
}

describe('mail retention', () => {
  it('a letter delivered 91 days ago loses its text, not its status; newer and undelivered ones keep theirs', async () => {
    const old = await letter('old-delivered', 'sent', 91);
    const recent = await letter('recent-delivered', 'sent', 89);
    const failed = await letter('old-failed', 'failed', 120);

    expect(await purgeOldLetterBodies(t.database.db, 90, now)).toBe(1);
    // Again: nothing more to do.
    expect(await purgeOldLetterBodies(t.database.db, 90, now)).toBe(0);

    const read = async (id: string) =>
      (await t.api('GET', `/api/v1/mail/messages/${id}`, { cookie: admin })).json();
    const purged = await read(old);
    expect(purged).toMatchObject({
      status: 'sent',
      to: 'old-delivered@example.org',
      text: '',
      html: '',
      textPurgedAt: now.toISOString(),
    });
    expect(purged.sentAt).not.toBeNull();
    expect(await read(recent)).toMatchObject({ textPurgedAt: null, html: '<p>Ваш код</p>' });
    expect(await read(failed)).toMatchObject({ status: 'failed', textPurgedAt: null });
  });
});
