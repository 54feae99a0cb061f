import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type LetterContent, mailingLetter } from './letters.js';
import { unsubscribeKey, unsubscribeToken } from './unsubscribe.js';

// A mailing's letters hold no body: it is rendered from the mailing for each recipient as the
// letter is sent or shown, with the recipient's unsubscribe link and RFC 8058 headers.

export type Rendered =
  | (LetterContent & { headers: Record<string, string> })
  /** The recipient turned letters off, or has another address now, since the mailing began. */
  | { revoked: true };

/** The letters of mailings among `letters`, rendered; others are left out of the map. */
export async function renderMailingLetters(
  db: Kysely<Database>,
  publicUrl: string,
  letters: readonly { id: string; mailing_id: string | null; recipient_id: string | null }[],
): Promise<Map<string, Rendered>> {
  const ofMailings = letters.filter((l) => l.mailing_id && l.recipient_id);
  const rendered = new Map<string, Rendered>();
  if (ofMailings.length === 0) return rendered;
  const [mailings, recipients, key] = await Promise.all([
    db
      .selectFrom('mailings')
      .select(['id', 'subject', 'body'])
      .where('id', 'in', [...new Set(ofMailings.map((l) => l.mailing_id as string))])
      .execute(),
    // Each recipient with their consent and address as they are now, not as at sending.
    sql<{
      id: string;
      kind: 'member' | 'chairman';
      person_id: string;
      name: string;
      email: string | null;
      current_email: string | null;
      consent: boolean | null;
    }>`
      select r.id::text, r.kind, r.person_id::text, r.name, r.email,
        case r.kind when 'member' then m.email else nullif(o.chairman->>'email', '') end
          as current_email,
        case r.kind when 'member' then m.notify_email and m.status = 'active'
          else (o.chairman->'notify'->>'email')::boolean end as consent
      from mailing_recipients r
      left join members m on r.kind = 'member' and m.id = r.person_id
      left join orgs o on r.kind = 'chairman' and o.id = r.person_id
      where r.id = any(${ofMailings.map((l) => l.recipient_id as string)}::bigint[])`
      .execute(db)
      .then((result) => result.rows),
    unsubscribeKey(db),
  ]);
  const mailingById = new Map(mailings.map((m) => [m.id, m]));
  const recipientById = new Map(recipients.map((r) => [r.id, r]));
  for (const letter of ofMailings) {
    const mailing = mailingById.get(letter.mailing_id as string);
    const recipient = recipientById.get(letter.recipient_id as string);
    if (!mailing || !recipient) continue;
    const email = recipient.email ?? '';
    if (
      recipient.consent !== true ||
      recipient.current_email?.toLowerCase() !== email.toLowerCase()
    ) {
      rendered.set(letter.id, { revoked: true });
      continue;
    }
    const token = unsubscribeToken(
      key,
      { kind: recipient.kind, personId: recipient.person_id },
      email,
    );
    const content = mailingLetter(mailing, recipient, `${publicUrl}/unsubscribe?token=${token}`);
    rendered.set(letter.id, {
      ...content,
      headers: {
        // Mail clients POST here themselves (one click); a person opening the link in the
        // letter gets a page with a button instead, so a scanner's GET changes nothing.
        'List-Unsubscribe': `<${publicUrl}/api/v1/unsubscribe?token=${token}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
  }
  return rendered;
}
