import { createHmac, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { applicant } from '../../lib/actor.js';
import { invalid } from '../../lib/app-error.js';
import { appSecret } from '../../lib/app-secret.js';
import { type Ctx, inTransaction } from '../../lib/context.js';
import { type RateRule, takeRate } from '../../lib/rate-limit.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  accountRule,
  clearFailures,
  ipRule,
  lockedSeconds,
  rateLimited,
  recordFailure,
} from '../auth/throttle.js';
import { loginCodeLetter, sharedAddressLetter } from '../mail/letters.js';
import { queueLetters } from '../mail/mail.service.js';
import { confirmOwnEmail, findSignInMembers } from '../members/member-self.service.js';
import { endMemberSession, startMemberSession } from '../sessions/member-sessions.js';
import { cabinetCodeJob } from './cabinet-code.job.js';

// Signing in to the cabinet with a one-time code sent to the member's address: six digits,
// valid 10 minutes, once; kept as an HMAC under the server's key (a copy of the table reveals
// no code). Five wrong codes lock the address (and many, the IP) with a lock that grows.

const CODE_MS = 10 * 60 * 1000;
const CODE_TRIES = 5;
/** The wait named when a code ran out of tries before the address itself is locked. */
const FIRST_WAIT_SECONDS = 30;
const WRONG_CODE = 'Неверный или устаревший код. Запросите новый код';

// Code requests: a person asks a few times; a script asking for thousands of addresses stops
// (a school's staff behind one address still sign in during one meeting).
const codePerAddress: RateRule = { name: 'cabinet-code-email', limit: 5, windowSeconds: 3600 };
const codePerIp: RateRule = { name: 'cabinet-code-ip', limit: 200, windowSeconds: 3600 };

const codeHash = (key: Buffer, email: string, code: string) =>
  createHmac('sha256', key).update(`${email}:${code}`).digest('hex');
const codeKey = (db: Kysely<Database>) => appSecret(db, 'cabinet-codes');

const addressKey = (email: string) => `cabinet:${email}`;
const ipKey = (ip: string | null) => `cabinet-ip:${ip ?? 'unknown'}`;

/** `POST /cabinet/auth/code`: the same work and answer for every address; the job does the rest. */
export async function requestCabinetCode(ctx: Ctx, email: string, now: Date) {
  // One commit: the counts and the job together (a refused request rolls its count back, and
  // stays refused while the window lasts).
  await inTransaction(ctx, async (tx) => {
    await takeRate(
      tx.db,
      [
        [codePerIp, tx.ip ?? 'unknown'],
        [codePerAddress, email],
      ],
      now,
    );
    await tx.jobs.send(cabinetCodeJob, { email });
  });
}

/** The job: a member on record with the address gets a fresh code (the old one is void). */
export async function sendCabinetCode(db: Kysely<Database>, email: string, now = new Date()) {
  const holders = await findSignInMembers(db, email);
  const member = holders[0];
  if (!member) return;
  // One address on two cards (a family's, a school's): a code would open one of them to
  // whoever reads the mail. They are told to ask their chairman instead.
  if (holders.length > 1) {
    await queueLetters({ db }, [
      {
        kind: 'login_code',
        to: { address: email, name: null },
        orgPath: member.org_path,
        memberId: null,
        ...sharedAddressLetter(),
      },
    ]);
    return;
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const key = await codeKey(db);
  await db.transaction().execute(async (trx) => {
    const values = {
      member_id: member.id,
      code_hash: codeHash(key, email, code),
      expires_at: new Date(now.getTime() + CODE_MS),
      attempts: 0,
      created_at: now,
    };
    await trx
      .insertInto('cabinet_codes')
      .values({ email, ...values })
      .onConflict((oc) => oc.column('email').doUpdateSet(values))
      .execute();
    await queueLetters({ db: trx }, [
      {
        kind: 'login_code',
        to: { address: email, name: null },
        orgPath: member.org_path,
        memberId: member.id,
        ...loginCodeLetter({ firstName: member.first_name, middleName: member.middle_name }, code),
      },
    ]);
  });
}

export interface SignInMeta {
  ip: string | null;
  userAgent: string | null;
  now: Date;
}

/** `POST /cabinet/auth/login`: the right code once → a member session; wrong ones are counted. */
export async function signInWithCode(
  db: Kysely<Database>,
  input: { email: string; code: string },
  meta: SignInMeta,
) {
  const keys = [addressKey(input.email), ipKey(meta.ip)];
  const locks = await lockedSeconds(db, keys, meta.now);
  if (locks.size) throw rateLimited(Math.max(...locks.values()));
  const key = await codeKey(db);
  const given = codeHash(key, input.email, input.code);
  // The try is counted on the code before it is compared, in one statement: a burst of
  // parallel guesses shares the code's five tries instead of each passing the lock check.
  const attempt = await db
    .updateTable('cabinet_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('email', '=', input.email)
    .where('expires_at', '>', meta.now)
    .returning(['member_id', 'code_hash', 'attempts'])
    .executeTakeFirst();
  const right = !!attempt && attempt.attempts <= CODE_TRIES && attempt.code_hash === given;
  // Taken by deleting it: of two requests with the same code, one signs in.
  const taken = right
    ? await db
        .deleteFrom('cabinet_codes')
        .where('email', '=', input.email)
        .where('code_hash', '=', given)
        .returning('member_id')
        .executeTakeFirst()
    : undefined;
  const holders = taken ? await findSignInMembers(db, input.email) : [];
  const member = holders.length === 1 ? holders[0] : undefined;
  if (!taken || member?.id !== taken.member_id) {
    await recordFailure(
      db,
      [
        [keys[0] as string, accountRule],
        [keys[1] as string, ipRule],
      ],
      meta.now,
    );
    const audit = { db, actor: applicant, ip: meta.ip };
    await recordAudit(audit, { action: 'cabinet.login_failed', result: 'denied' });
    const after = await lockedSeconds(db, keys, meta.now);
    // The fifth wrong code locks the address; the code itself is gone, a new one is needed.
    if (after.size || (attempt?.attempts ?? 0) >= CODE_TRIES) {
      await db.deleteFrom('cabinet_codes').where('email', '=', input.email).execute();
      throw rateLimited(Math.max(FIRST_WAIT_SECONDS, ...after.values()));
    }
    throw invalid('code', WRONG_CODE);
  }
  await clearFailures(db, keys[0] as string);
  const session = await db.transaction().execute(async (trx) => {
    await confirmOwnEmail(trx, member.id, input.email);
    const started = await startMemberSession(trx, member.id, meta);
    const actor = {
      kind: 'member' as const,
      memberId: member.id,
      orgId: member.org_id,
      sessionId: started.sessionId,
    };
    await recordAudit(
      { db: trx, actor, ip: meta.ip },
      {
        action: 'cabinet.login',
        target: { type: 'member', id: member.id, orgPath: member.org_path },
      },
    );
    return started;
  });
  return { memberId: member.id, ...session };
}

export const signOutMember = (db: Kysely<Database>, sessionId: string) =>
  endMemberSession(db, sessionId);

/** Codes past their time hold nothing: forgotten by the daily step. */
export async function purgeCabinetCodes(db: Kysely<Database>, now: Date) {
  await db.deleteFrom('cabinet_codes').where('expires_at', '<', now).execute();
}
