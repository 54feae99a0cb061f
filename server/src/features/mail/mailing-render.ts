import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type LetterContent, mailingLetter } from './letters.js';
import { unsubscribeKey, unsubscribeToken } from './unsubscribe.js';

// A mailing's letters hold no body: it is rendered from the mailing for each recipient as the
// letter is sent or shown, with the recipient's unsubscribe link and RFC 8058 headers.

export interface Rendered extends LetterContent {
  headers: Record<string, string>;
}

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
    db
      .selectFrom('mailing_recipients')
      .select(['id', 'kind', 'person_id', 'name'])
      .where(
        'id',
        'in',
        ofMailings.map((l) => l.recipient_id as string),
      )
      .execute(),
    unsubscribeKey(db),
  ]);
  const mailingById = new Map(mailings.map((m) => [m.id, m]));
  const recipientById = new Map(recipients.map((r) => [r.id, r]));
  for (const letter of ofMailings) {
    const mailing = mailingById.get(letter.mailing_id as string);
    const recipient = recipientById.get(letter.recipient_id as string);
    if (!mailing || !recipient) continue;
    const token = unsubscribeToken(key, { kind: recipient.kind, personId: recipient.person_id });
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
