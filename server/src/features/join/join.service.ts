import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import {
  type ApplicationCreate,
  type ApplicationStatus,
  consentTexts,
  nameKey,
  type PublicOrg,
  type PublicOrgQuery,
  personNameKey,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { conflict, invalid, notFound } from '../../lib/app-error.js';
import { appSecret } from '../../lib/app-secret.js';
import { type Ctx, inTransaction } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { type RateRule, takeRate } from '../../lib/rate-limit.js';
import { pathIds } from '../../lib/tree-path.js';
import { recordAudit, recordAudits } from '../audit/audit.service.js';
import { applicationConfirmationLetter } from '../mail/letters.js';
import { notifyApplicationReceived, queueLetters } from '../mail/mail.service.js';
import {
  type ApplicationRow,
  expireUnconfirmed,
  findApplication,
  findApplicationForUpdate,
  findOrgForApplication,
  findRegion,
  findRegionalNames,
  findRegions,
  insertApplication,
  searchPublicPrimaries,
  updateApplication,
} from './join.queries.js';

// Online join, the applicant's side: nobody is signed in, so every route is throttled per
// address (and the form per e-mail, the code per application) in the database. The form is
// kept as an unconfirmed application with a six-digit code sent to the address given; the code
// is stored as its sha256 only. Confirmed, it waits for the chosen primary's decision
// (applications.service); unconfirmed for 7 days, it expires.

export const APPLICATION_NOT_FOUND = 'Заявление не найдено';
/** How long an unconfirmed application (and its code) lives. */
export const UNCONFIRMED_DAYS = 7;
const PENDING_MESSAGE =
  'Заявление от вас уже подано и ждёт решения. Новое можно подать, когда по нему будет принято решение';
const DAY_MS = 24 * 60 * 60 * 1000;

/** The public search and the region list: a page typed letter by letter, per address. */
// A school's staff share one address (NAT): limits per address are set for a whole staff at
// once; what stops guessing is the limit per application and per e-mail.
export const SEARCH_RULE: RateRule = { name: 'join-search', limit: 120, windowSeconds: 60 };
/** Applications per address (a school's shared address: a whole staff may apply in an hour). */
export const APPLY_RULE: RateRule = { name: 'join-apply', limit: 100, windowSeconds: 60 * 60 };
/** Applications per e-mail: a person does not need more. */
export const APPLY_EMAIL_RULE: RateRule = {
  name: 'join-apply-email',
  limit: 5,
  windowSeconds: 60 * 60,
};
/** Code attempts per application: five an hour leave a guess of six digits no chance. */
export const CONFIRM_RULE: RateRule = { name: 'join-confirm', limit: 5, windowSeconds: 60 * 60 };
/** Code attempts per address, across applications. */
export const CONFIRM_IP_RULE: RateRule = {
  name: 'join-confirm-ip',
  limit: 150,
  windowSeconds: 60 * 60,
};
/** Status checks per address. */
export const STATUS_RULE: RateRule = { name: 'join-status', limit: 30, windowSeconds: 60 };
/** Status checks per application: its e-mail cannot be guessed from many addresses either. */
const STATUS_ID_RULE: RateRule = { name: 'join-status-id', limit: 30, windowSeconds: 60 * 60 };

const addressOf = (ctx: Pick<Ctx, 'ip'>) => ctx.ip ?? 'unknown';

// Keyed with the server's own secret: a copy of the table does not give the codes away (six
// digits under a plain hash are a million tries).
const codeKey = (db: Kysely<Database>) => appSecret(db, 'application-codes');
const hashCode = (key: Buffer, code: string) =>
  createHmac('sha256', key).update(code).digest('hex');

/** Compares a code with the stored hash in constant time. */
function codeMatches(key: Buffer, code: string, hash: string | null) {
  if (!hash) return false;
  const given = Buffer.from(hashCode(key, code), 'hex');
  const stored = Buffer.from(hash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

export const fullNameOf = (row: {
  last_name: string;
  first_name: string;
  middle_name: string | null;
}) => [row.last_name, row.first_name, row.middle_name].filter(Boolean).join(' ');

/** Unconfirmed past its code's life: expired, whether or not the periodic step has run yet. */
const lapsed = (row: ApplicationRow, now: Date) =>
  row.status === 'unconfirmed' &&
  (!row.code_expires_at || new Date(row.code_expires_at).getTime() <= now.getTime());

// ---- the public search ----

export async function listRegions(ctx: Pick<Ctx, 'db' | 'ip'>) {
  await takeRate(ctx.db, [[SEARCH_RULE, addressOf(ctx)]], new Date());
  return { items: await findRegions(ctx.db) };
}

/**
 * Active primaries by their name, their school's name or its INN, within a region when one is
 * chosen. Only the id, the names and the region are public.
 */
/**
 * Each typed word in its forms: as a name key has it (ё → е…) and lower-case, if they differ.
 * A word of one or two letters narrows nothing an index can find (every name would be read):
 * it is left out; numbers count whatever their length.
 */
function searchWords(q: string): string[][] {
  return q
    .toLowerCase()
    .replace(/[^\p{L}\p{N}-]+/gu, ' ')
    .split(' ')
    .filter((word) => /^\d+$/.test(word) || word.length >= 3)
    .map((word) => [...new Set([nameKey(word), word])].filter(Boolean));
}

export async function searchPublicOrgs(ctx: Pick<Ctx, 'db' | 'ip'>, query: PublicOrgQuery) {
  const afterId = decodeCursor(query.cursor, ['id'])?.[0];
  await takeRate(ctx.db, [[SEARCH_RULE, addressOf(ctx)]], new Date());
  const region = query.regionId ? await findRegion(ctx.db, query.regionId) : undefined;
  if (query.regionId && !region) throw notFound('Регион не найден');
  const q = (query.q ?? '').trim();
  const rows = await searchPublicPrimaries(ctx.db, {
    scopePath: region?.path,
    words: searchWords(q),
    inn: /^\d{10}(\d{2})?$/.test(q) ? q : undefined,
    afterId,
    limit: query.limit + 1,
  });
  const page = toPage(
    rows,
    query.limit,
    (r) => r,
    (r) => [r.id],
  );
  // The region of each: the regional org among its ancestors, one lookup for the page.
  const ancestors = new Set(page.items.flatMap((r) => pathIds(r.path).slice(0, -1)));
  const regions = new Map(
    (ancestors.size ? await findRegionalNames(ctx.db, [...ancestors]) : []).map((r) => [
      r.id,
      r.name,
    ]),
  );
  return {
    items: page.items.map(
      (r): PublicOrg => ({
        id: r.id,
        name: r.name,
        regionName:
          pathIds(r.path)
            .map((id) => regions.get(id))
            .find(Boolean) ?? null,
        eduOrgName: r.edu_name,
      }),
    ),
    nextCursor: page.nextCursor,
  };
}

// ---- the application ----

/** The org the form chose: an active primary, else the form says so on `orgId`. */
async function chosenPrimary(ctx: Pick<Ctx, 'db'>, orgId: string) {
  const org = await findOrgForApplication(ctx.db, orgId);
  if (org?.level !== 'primary') {
    throw invalid('orgId', 'Выберите первичную профсоюзную организацию из списка');
  }
  if (org.status !== 'active') {
    throw invalid('orgId', 'Эта организация больше не действует: выберите другую');
  }
  return org;
}

export async function createApplication(ctx: Ctx, input: ApplicationCreate) {
  const email = input.email as string;
  await takeRate(
    ctx.db,
    [
      [APPLY_RULE, addressOf(ctx)],
      [APPLY_EMAIL_RULE, email],
    ],
    new Date(),
  );
  const org = await chosenPrimary(ctx, input.orgId);
  const studyCourse = input.studyCourse ?? null;
  if (input.category !== 'student' && studyCourse !== null) {
    throw invalid('studyCourse', 'Курс указывается только для обучающихся');
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const codeHash = hashCode(await codeKey(ctx.db), code);
  const now = new Date();
  const middleName = input.middleName ?? null;
  return inTransaction(ctx, async (tx) => {
    const { id } = await insertApplication(tx.db, {
      org_id: org.id,
      org_path: org.path,
      last_name: input.lastName,
      first_name: input.firstName,
      middle_name: middleName,
      name_key: personNameKey(input.lastName, input.firstName, middleName),
      sex: input.sex,
      birth_date: input.birthDate,
      category: input.category,
      workplace: input.workplace,
      position: input.position ?? null,
      study_course: studyCourse,
      phone: input.phone ?? null,
      email,
      pd_consent_version: consentTexts.pd.version,
      code_hash: codeHash,
      code_expires_at: new Date(now.getTime() + UNCONFIRMED_DAYS * DAY_MS),
      ip: ctx.ip,
      created_at: now,
    }).catch((error: unknown) => {
      // One waiting application per person (name and birth date): a unique index decides.
      if ((error as { code?: string }).code !== '23505') throw error;
      throw conflict(PENDING_MESSAGE);
    });
    await queueLetters(tx, [
      {
        ...applicationConfirmationLetter(input, code, id),
        kind: 'application_confirmation',
        to: {
          address: email,
          name: [input.lastName, input.firstName, middleName].filter(Boolean).join(' '),
        },
        orgPath: org.path,
      },
    ]);
    await recordAudit(tx, {
      action: 'application.create',
      target: { type: 'application', id, orgPath: org.path },
    });
    return { id, status: 'unconfirmed' as const };
  });
}

/** The code from the letter: the application is submitted and the primary's chairman told. */
export async function confirmApplication(ctx: Ctx, id: string, code: string) {
  const now = new Date();
  await takeRate(
    ctx.db,
    [
      [CONFIRM_RULE, id],
      [CONFIRM_IP_RULE, addressOf(ctx)],
    ],
    now,
  );
  return inTransaction(ctx, async (tx) => {
    // Locked: a code sent twice at once confirms once.
    const row = await findApplicationForUpdate(tx.db, id);
    if (!row) throw notFound(APPLICATION_NOT_FOUND);
    if (row.status === 'expired' || lapsed(row, now)) {
      throw conflict('Срок подтверждения заявления истёк: подайте заявление заново');
    }
    if (row.status !== 'unconfirmed') throw conflict('Заявление уже подтверждено');
    if (!codeMatches(await codeKey(tx.db), code, row.code_hash)) {
      throw invalid('code', 'Неверный код: проверьте последнее письмо с кодом');
    }
    await updateApplication(tx.db, id, {
      status: 'submitted',
      confirmed_at: now,
      code_hash: null,
    }).catch((error: unknown) => {
      // Another application of the same person was confirmed first: one waits at a time.
      if ((error as { code?: string }).code !== '23505') throw error;
      throw conflict(PENDING_MESSAGE);
    });
    await notifyApplicationReceived(tx, { id, orgId: row.org_id, name: fullNameOf(row) });
    await recordAudit(tx, {
      action: 'application.confirm',
      target: { type: 'application', id, orgPath: row.org_path },
    });
    return { id, status: 'submitted' as const };
  });
}

/** The applicant's own check: known only to whoever gives the application's e-mail. */
export async function applicationStatus(ctx: Ctx, id: string, email: string) {
  const now = new Date();
  await takeRate(
    ctx.db,
    [
      [STATUS_RULE, addressOf(ctx)],
      [STATUS_ID_RULE, id],
    ],
    now,
  );
  const row = await findApplication(ctx.db, id);
  if (!row || row.email !== email.trim().toLowerCase()) throw notFound(APPLICATION_NOT_FOUND);
  await recordAudit(ctx, {
    action: 'application.status',
    target: { type: 'application', id, orgPath: row.org_path },
  });
  const status: ApplicationStatus = lapsed(row, now) ? 'expired' : row.status;
  return { status, rejectReason: status === 'rejected' ? row.reject_reason : null };
}

/**
 * The periodic step: applications nobody confirmed within 7 days expire (their codes
 * forgotten), each on record in the audit log. Idempotent; returns how many expired.
 */
export async function expireApplications(db: Kysely<Database>, now: Date) {
  const before = new Date(now.getTime() - UNCONFIRMED_DAYS * DAY_MS);
  return db.transaction().execute(async (trx) => {
    const expired = await expireUnconfirmed(trx, before);
    await recordAudits(
      { db: trx, actor: { kind: 'system', job: 'application-expiry' }, ip: null },
      expired.map((r) => ({
        action: 'application.expire',
        target: { type: 'application', id: r.id, orgPath: r.org_path },
      })),
    );
    return expired.length;
  });
}
