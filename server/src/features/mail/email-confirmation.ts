import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { notFound } from '../../lib/app-error.js';
import type { Ctx } from '../../lib/context.js';
import { recordAudit } from '../audit/audit.service.js';
import { emailConfirmationLetter } from './letters.js';
import { publicUrl, queueLetters } from './mail.service.js';

// E-mail confirmation: when staff enter or change a member's e-mail (a form, a file), the
// member gets a single-use link valid 7 days; opening it marks the card's e-mail verified.

const DAYS = 7;
const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const INVALID = 'Ссылка недействительна или устарела: попросите прислать письмо ещё раз';

/** Letters with confirmation links to members whose e-mail was just entered or changed. */
export async function requestEmailConfirmations(
  ctx: Pick<Ctx, 'db'>,
  members: readonly { id: string; email: string; name: string; orgPath: string }[],
) {
  if (members.length === 0) return;
  const tokens = members.map(() => randomBytes(32).toString('base64url'));
  await ctx.db
    .insertInto('email_confirmations')
    .values(
      members.map((m, i) => ({
        token_hash: hash(tokens[i] as string),
        member_id: m.id,
        email: m.email,
        expires_at: sql<Date>`now() + make_interval(days => ${DAYS})`,
      })),
    )
    .execute();
  await queueLetters(
    ctx,
    members.map((m, i) => ({
      ...emailConfirmationLetter(m.name, `${publicUrl()}/email/confirm?token=${tokens[i]}`),
      kind: 'email_confirmation' as const,
      to: { address: m.email, name: m.name },
      orgPath: m.orgPath,
      memberId: m.id,
    })),
  );
}

/** `POST /email/confirm`: the link's token, once, within 7 days, for the address it was sent to. */
export async function confirmEmail(
  base: { db: Kysely<Database>; ip: string | null },
  token: string,
) {
  await base.db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('email_confirmations')
      .set({ used_at: sql`now()` })
      .where('token_hash', '=', hash(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', sql<Date>`now()`)
      .returning(['member_id', 'email'])
      .executeTakeFirst();
    if (!used) throw notFound(INVALID);
    // The card may hold another address by now: only the one the letter went to is confirmed.
    const member = await trx
      .updateTable('members')
      .set({ email_verified: true })
      .where('id', '=', used.member_id)
      .where(sql`lower(email)`, '=', used.email.toLowerCase())
      .returning(['id', 'org_path'])
      .executeTakeFirst();
    if (!member) throw notFound(INVALID);
    await recordAudit(
      { db: trx, actor: null, ip: base.ip },
      {
        action: 'member.email_confirmed',
        target: { type: 'member', id: member.id, orgPath: member.org_path },
      },
    );
  });
}
