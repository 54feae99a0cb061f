import {
  dateProblem,
  type Member,
  type MemberCategory,
  type MemberChangeAction,
  type MemberCreate,
  type MemberPatch,
  type MemberStatus,
  personNameKey,
  ruToIso,
  todayIso,
} from '@profreestr/contracts';
import { AppError, conflict, invalid } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import { assertVersion, type Precondition } from '../../lib/etag.js';
import { withSavepoint } from '../../lib/savepoint.js';
import { authorize } from '../access/access.js';
import { getOrgPlacement } from '../access/placement.js';
import { recordAudit } from '../audit/audit.service.js';
import { diffFields } from '../history/field-diff.js';
import { pageOfChanges } from '../history/history.service.js';
import {
  applyCardPatch,
  cardOf,
  cardProblems,
  emptyCard,
  type MemberCard,
  toMember,
} from './member-card.js';
import {
  findOnRecord,
  onRecordConflict,
  personKeyOf,
  putCardsOnRecord,
  retiredNumbers,
  writeChangedCards,
} from './member-records.js';
import {
  findMemberById,
  findMemberForUpdate,
  findMemberNames,
  findMergedMemberIds,
  findPeriods,
  findPrimaryWithChairman,
  type MemberRecord,
  searchMembers,
} from './members.queries.js';

export const MEMBER_NOT_FOUND = 'Член Профсоюза не найден';

type Db = StaffCtx['db'];

/** The org a member may be put on record in: a visible, active primary. */
export async function primaryForMembers(
  ctx: StaffCtx,
  orgId: string,
  action: 'member:create' | 'member:transfer' | 'member:readmit',
  field = 'orgId',
) {
  // The chairman comes along: the letter about the member needs them (one read, not two).
  const org = await findPrimaryWithChairman(ctx.db, orgId);
  authorize(ctx.actor, action, org, 'Организация не найдена');
  if (org.level !== 'primary')
    throw invalid(field, 'Члены Профсоюза состоят на учёте в первичных организациях');
  if (org.status !== 'active') throw invalid(field, 'Организация ликвидирована');
  return org;
}

/** One person, one primary: refuses a second active record of the same name and birth date. */
export async function assertNotOnRecord(ctx: StaffCtx, card: MemberCard, exceptId?: string) {
  const found = await findOnRecord(ctx, [{ ...card, exceptId }]);
  const where = found.get(personKeyOf(card));
  if (where) throw onRecordConflict(ctx, where);
}

function assertCardValid(card: MemberCard) {
  const problems = cardProblems(card);
  if (problems.length) throw new AppError('invalid', problems[0]?.message ?? '', problems);
}

const CARD_TAKEN = 'Этот номер билета уже выдан';

// Unique indexes have the last word when two requests race past the checks above; the
// savepoint keeps the transaction usable to tell the caller what clashed.
function explainUnique(ctx: StaffCtx, card: MemberCard, exceptId?: string) {
  return async (error: unknown): Promise<never> => {
    if ((error as { code?: string }).code !== '23505') throw error;
    await assertNotOnRecord(ctx, card, exceptId);
    throw conflict(CARD_TAKEN);
  };
}

/**
 * `fromApplication`: the person applied online — their address is proved by the code they
 * entered (no confirmation letter) and the consent ledger names the application as its source.
 */
export async function createMember(
  ctx: StaffCtx,
  input: MemberCreate,
  options: { fromApplication?: boolean } = {},
): Promise<Member> {
  return inTransaction(ctx, async (tx) => {
    const org = await primaryForMembers(tx, input.orgId, 'member:create');
    const { orgId: _org, registeredOn, cardNumber, ...cardInput } = input;
    const card = applyCardPatch(emptyCard(input.lastName, input.firstName), cardInput);
    assertCardValid(card);
    await assertNotOnRecord(tx, card);
    // A merged card's number is refused by a trigger, which ON CONFLICT does not absorb.
    if (cardNumber && (await retiredNumbers(tx, [cardNumber])).size > 0) {
      throw conflict(CARD_TAKEN, [{ field: 'cardNumber', message: CARD_TAKEN }]);
    }
    const entry = {
      org,
      card,
      cardNumber: cardNumber ?? null,
      registeredOn: registeredOn ?? todayIso(),
    };
    // A unique index refusing the card inserts nothing: the person went on record meanwhile (a
    // conflict naming them), or the number is held — a number given is a conflict, a drawn one
    // (equal to a number someone brought from before) is drawn again.
    for (let attempt = 0; attempt < 10; attempt++) {
      const [created] = await putCardsOnRecord(tx, [entry], {
        skipConflicts: true,
        chairmen: [org],
        ...(options.fromApplication ? { fromApplication: true } : {}),
      });
      if (created) return toMember(created);
      await assertNotOnRecord(tx, card);
      if (cardNumber) throw conflict(CARD_TAKEN, [{ field: 'cardNumber', message: CARD_TAKEN }]);
    }
    throw new Error('no free card number after 10 draws');
  });
}

/** The stored card with its place, for another feature that checks access itself. */
export const getMemberRecord = (db: Db, id: string) => findMemberById(db, id);

/** Where a member is on record, for another feature's access check (no read of the card). */
export async function getMemberPlacement(db: Db, id: string) {
  const row = await findMemberById(db, id);
  return row ? { id: row.id, path: row.path } : undefined;
}

export async function getMember(ctx: StaffCtx, id: string): Promise<Member> {
  const row = await findMemberById(ctx.db, id);
  authorize(ctx.actor, 'member:read', row, MEMBER_NOT_FOUND);
  await recordAudit(ctx, {
    action: 'member.read',
    target: { type: 'member', id, orgPath: row.path },
  });
  return toMember(row);
}

export async function updateMember(
  ctx: StaffCtx,
  id: string,
  patch: MemberPatch,
  precondition?: Precondition,
): Promise<Member> {
  return inTransaction(ctx, async (tx) => {
    const member = await findMemberForUpdate(tx.db, id);
    authorize(tx.actor, 'member:update', member, MEMBER_NOT_FOUND);
    // Checked on the locked row: of two editors of the same version, the second gets 412.
    assertVersion(precondition, member.version);
    const before = cardOf(member);
    const after = applyCardPatch(before, patch);
    assertCardValid(after);
    const changes = diffFields(before, after);
    if (changes.length === 0) return toMember(member);
    if (member.status === 'active') await assertNotOnRecord(tx, after, id);
    const [updated] = await withSavepoint(
      tx.db,
      () => writeChangedCards(tx, [{ record: member, before, after, changes }]),
      explainUnique(tx, after, id),
    );
    return toMember(updated as MemberRecord);
  });
}

/** What a search box holds: a card number, a birth date, or the beginnings of names. */
export function parseMemberQuery(q: string | undefined) {
  const text = (q ?? '').trim();
  if (!text) return {};
  const digits = text.replace(/\s/g, '');
  if (/^\d{16}$/.test(digits)) return { cardNumber: digits };
  // A birth date as people type it (7.5.1965, 07.05.1965) or as ISO; one that the calendar
  // lacks is said so, instead of reaching the database.
  const date = ruToIso(text) ?? (/^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null);
  if (date) {
    const problem = dateProblem(date);
    if (problem) throw invalid('q', problem);
    return { birthDate: date };
  }
  return { namePrefix: personNameKey(text, '', '') };
}

/** The org whose subtree a members list reads (404 outside the caller's scope). */
export async function scopeOf(ctx: StaffCtx, under: string | undefined) {
  const org = await getOrgPlacement(ctx.db, under ?? ctx.actor.orgId);
  authorize(ctx.actor, 'member:read', org, 'Организация не найдена');
  return org;
}

/** The members list's filters, which its export takes too. */
export interface MemberFilters {
  under?: string | undefined;
  orgId?: string | undefined;
  q?: string | undefined;
  status?: MemberStatus | undefined;
  category?: MemberCategory | undefined;
}

/** Members of a subtree for an export (the list's filters), grouped by org, page by page. */
// Small pages: a page lives while its rows are written, long enough for V8 to promote it to the
// old generation; 2,000-row pages put the 100 k export's peak at ~340 MB, 250-row ones at
// ~260 MB, for the same time (each page is one index range read).
export async function* exportMemberPages(ctx: StaffCtx, query: MemberFilters, pageSize = 250) {
  const scope = await scopeOf(ctx, query.orgId ?? query.under);
  let after: string[] | undefined;
  for (;;) {
    const rows = await searchMembers(ctx.db, {
      scopePath: scope.path,
      orgId: query.orgId,
      status: query.status,
      category: query.category,
      ...parseMemberQuery(query.q),
      order: { by: 'org' },
      after,
      limit: pageSize,
    });
    if (rows.length === 0) return;
    yield { scope, items: rows.map((r) => toMember(r)) };
    const last = rows[rows.length - 1];
    after = last ? [last.org_path, last.name_key, last.id] : undefined;
  }
}

export async function memberHistory(
  ctx: StaffCtx,
  id: string,
  page: { limit: number; cursor?: string | undefined },
) {
  const row = await findMemberById(ctx.db, id);
  authorize(ctx.actor, 'member:read', row, MEMBER_NOT_FOUND);
  const periods = await findPeriods(ctx.db, id);
  const changes = await pageOfChanges<MemberChangeAction>(ctx.db, { type: 'member', id }, page);
  await recordAudit(ctx, {
    action: 'member.history',
    target: { type: 'member', id, orgPath: row?.org_path ?? null },
  });
  return {
    periods: periods.map((p) => ({
      orgId: p.org_id,
      orgName: p.org_name,
      registeredOn: p.registered_on,
      deregisteredOn: p.deregistered_on,
      reason: p.reason,
    })),
    ...changes,
  };
}

/** Current full names, places and statuses of members by id, for lists that name them (the
 * audit journal): one query for a page, a second only for cards no longer on the register
 * (merged into another: `status` 'merged', no name or place left). */
export async function namesOfMembers(db: StaffCtx['db'], ids: readonly string[]) {
  const rows = ids.length ? await findMemberNames(db, ids) : [];
  const names = new Map<string, { name: string | null; path: string | null; status: string }>(
    rows.map((r) => [
      r.id,
      {
        name: [r.last_name, r.first_name, r.middle_name].filter(Boolean).join(' '),
        path: r.org_path,
        status: r.status,
      },
    ]),
  );
  const gone = ids.filter((id) => !names.has(id));
  for (const merge of gone.length ? await findMergedMemberIds(db, gone) : []) {
    names.set(merge.merged_id, { name: null, path: null, status: 'merged' });
  }
  return names;
}
