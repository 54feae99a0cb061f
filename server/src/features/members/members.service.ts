import {
  type Member,
  type MemberCategory,
  type MemberChangeAction,
  type MemberCreate,
  type MemberIndicator,
  type MemberPatch,
  type MemberStatus,
  personNameKey,
  todayIso,
} from '@profreestr/contracts';
import { AppError, conflict, invalid } from '../../lib/app-error.js';
import type { Ctx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { withSavepoint } from '../../lib/savepoint.js';
import { authorize, canSee } from '../access/access.js';
import { recordAudit } from '../audit/audit.service.js';
import { pageOfChanges } from '../history/history.service.js';
import { diffPassport } from '../orgs/org-passport.js';
import { getOrgPlacement } from '../orgs/orgs.service.js';
import { factsOf, recordMemberFacts } from '../stats/stats.service.js';
import { cardNumberFromSerial } from './card-number.js';
import {
  applyCardPatch,
  cardColumns,
  cardOf,
  cardProblems,
  emptyCard,
  type MemberCard,
  toMember,
} from './member-card.js';
import { recordMemberChange } from './member-history.js';
import {
  findActivePerson,
  findDuplicateKeys,
  findMemberById,
  findMemberForUpdate,
  findMembersByNameKeys,
  findPeriods,
  insertMember,
  isCardNumberTaken,
  nextCardSerial,
  openPeriod,
  searchMembers,
  updateMemberRow,
} from './members.queries.js';

export const MEMBER_NOT_FOUND = 'Член Профсоюза не найден';

type Db = Ctx['db'];

/** The org a member may be put on record in: a visible, active primary. */
export async function primaryForMembers(
  ctx: Ctx,
  db: Db,
  orgId: string,
  action: 'member:create' | 'member:transfer' | 'member:readmit',
  field = 'orgId',
) {
  const org = await getOrgPlacement(db, orgId);
  authorize(ctx.actor, action, org, 'Организация не найдена');
  if (org.level !== 'primary')
    throw invalid(field, 'Члены Профсоюза состоят на учёте в первичных организациях');
  if (org.status !== 'active') throw invalid(field, 'Организация ликвидирована');
  return org;
}

/** One person, one primary: refuses a second active record of the same name and birth date. */
export async function assertNotOnRecord(ctx: Ctx, db: Db, card: MemberCard, exceptId?: string) {
  if (!card.birthDate) return;
  const nameKey = personNameKey(card.lastName, card.firstName, card.middleName);
  const existing = await findActivePerson(db, nameKey, card.birthDate, exceptId);
  if (existing) throw alreadyOnRecord(ctx, existing);
}

function alreadyOnRecord(ctx: Ctx, existing: { id: string; org_id: string; org_path: string }) {
  // Naming the record only to those who may see it: anyone else learns no more than "exists".
  return canSee(ctx.actor, existing.org_path)
    ? conflict('Этот человек уже состоит на учёте', [
        {
          field: 'person',
          message: 'Уже состоит на учёте',
          memberId: existing.id,
          orgId: existing.org_id,
        } as never,
      ])
    : conflict('Человек с такими ФИО и датой рождения уже состоит на учёте в другой организации');
}

function assertCardValid(card: MemberCard) {
  const problems = cardProblems(card);
  if (problems.length) throw new AppError('invalid', problems[0]?.message ?? '', problems);
}

async function assignCardNumber(db: Db, supplied: string | undefined): Promise<string> {
  if (supplied) {
    if (await isCardNumberTaken(db, supplied)) {
      throw conflict('Этот номер билета уже выдан', [
        { field: 'cardNumber', message: 'Этот номер билета уже выдан' },
      ]);
    }
    return supplied;
  }
  for (;;) {
    const candidate = cardNumberFromSerial(await nextCardSerial(db));
    if (!(await isCardNumberTaken(db, candidate))) return candidate;
  }
}

// Unique indexes have the last word when two requests race past the checks above; the
// savepoint keeps the transaction usable to tell the caller what clashed.
function explainUnique(ctx: Ctx, db: Db, card: MemberCard, exceptId?: string) {
  return async (error: unknown): Promise<never> => {
    if ((error as { code?: string }).code !== '23505') throw error;
    await assertNotOnRecord(ctx, db, card, exceptId);
    throw conflict('Этот номер билета уже выдан');
  };
}

export async function createMember(ctx: Ctx, input: MemberCreate): Promise<Member> {
  return ctx.db.transaction().execute(async (trx) => {
    const org = await primaryForMembers(ctx, trx, input.orgId, 'member:create');
    const { orgId: _org, registeredOn, cardNumber, ...cardInput } = input;
    const card = applyCardPatch(emptyCard(input.lastName, input.firstName), cardInput);
    assertCardValid(card);
    await assertNotOnRecord(ctx, trx, card);
    const on = registeredOn ?? todayIso();
    const number = await assignCardNumber(trx, cardNumber);
    const created = await withSavepoint(
      trx,
      () =>
        insertMember(trx, {
          org_id: org.id,
          ...cardColumns(card),
          registered_on: on,
          card_number: number,
        }),
      explainUnique(ctx, trx, card),
    );
    const { id } = created;
    await openPeriod(trx, { memberId: id, orgId: org.id, on });
    await recordMemberFacts(trx, null, factsOf(created));
    await recordMemberChange(trx, ctx, {
      member: { id, orgPath: org.path },
      action: 'create',
      changes: diffPassport(emptyCard('', ''), card),
    });
    return toMember(created);
  });
}

/** Where a member is on record, for another feature's access check (no read of the card). */
export async function getMemberPlacement(db: Db, id: string) {
  const row = await findMemberById(db, id);
  return row ? { id: row.id, path: row.path } : undefined;
}

export async function getMember(ctx: Ctx, id: string): Promise<Member> {
  const row = await findMemberById(ctx.db, id);
  authorize(ctx.actor, 'member:read', row, MEMBER_NOT_FOUND);
  await recordAudit(ctx.db, ctx, {
    action: 'member.read',
    target: { type: 'member', id, orgPath: row.path },
  });
  return toMember(row);
}

export async function updateMember(ctx: Ctx, id: string, patch: MemberPatch): Promise<Member> {
  return ctx.db.transaction().execute(async (trx) => {
    const member = await findMemberForUpdate(trx, id);
    authorize(ctx.actor, 'member:update', member, MEMBER_NOT_FOUND);
    const before = cardOf(member);
    const after = applyCardPatch(before, patch);
    assertCardValid(after);
    const changes = diffPassport(before, after);
    if (changes.length === 0) return toMember(member);
    if (member.status === 'active') await assertNotOnRecord(ctx, trx, after, id);
    const updated = await withSavepoint(
      trx,
      () =>
        updateMemberRow(trx, id, {
          ...cardColumns(after),
          // A new address is not a verified one.
          ...(after.email !== before.email ? { email_verified: false } : {}),
        }),
      explainUnique(ctx, trx, after, id),
    );
    await recordMemberFacts(trx, factsOf(member), factsOf(updated));
    await recordMemberChange(trx, ctx, {
      member: { id, orgPath: member.org_path },
      action: 'update',
      changes,
    });
    return toMember(updated);
  });
}

/** What a search box holds: a card number, a birth date, or the beginnings of names. */
export function parseMemberQuery(q: string | undefined) {
  const text = (q ?? '').trim();
  if (!text) return {};
  const digits = text.replace(/\s/g, '');
  if (/^\d{16}$/.test(digits)) return { cardNumber: digits };
  const ru = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  if (ru) return { birthDate: `${ru[3]}-${ru[2]}-${ru[1]}` };
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { birthDate: text };
  return { namePrefix: personNameKey(text, '', '') };
}

async function scopeOf(ctx: Ctx, under: string | undefined) {
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

export async function listMembers(
  ctx: Ctx,
  query: MemberFilters & {
    missing?: MemberIndicator | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const scope = await scopeOf(ctx, query.orgId ?? query.under);
  // Members lacking a field are listed by org (the order of their partial index), others by name.
  const byOrg = query.missing !== undefined;
  const after = byOrg
    ? decodeCursor<[string, string, string]>(query.cursor, ['string', 'string', 'string'])
    : decodeCursor<[string, string]>(query.cursor, ['string', 'string']);
  const rows = await searchMembers(ctx.db, {
    scopePath: scope.path,
    // A primary has no orgs below: its own id is an equality the (org_id, name_key, id) index
    // answers in name order, where a path range would make the planner walk all names.
    orgId: query.orgId ?? (scope.level === 'primary' ? scope.id : undefined),
    status: query.status,
    category: query.category,
    missing: query.missing,
    ...parseMemberQuery(query.q),
    order: byOrg ? 'org' : 'name',
    after,
    limit: query.limit + 1,
  });
  const page = toPage(
    rows,
    query.limit,
    (r) => toMember(r),
    (r) => (byOrg ? [r.org_path, r.name_key, r.id] : [r.name_key, r.id]),
  );
  // Lists show names and birth dates: who looked, where and at how many is on record.
  await recordAudit(ctx.db, ctx, {
    action: 'member.list',
    target: { type: 'org', id: scope.id, orgPath: scope.path },
    details: { q: query.q ?? null, missing: query.missing ?? null, returned: page.items.length },
  });
  return page;
}

/** Members of a subtree for an export (the list's filters), grouped by org, page by page. */
// Small pages: a page lives while its rows are written, long enough for V8 to promote it to the
// old generation; 2,000-row pages put the 100 k export's peak at ~340 MB, 250-row ones at
// ~260 MB, for the same time (each page is one index range read).
export async function* exportMemberPages(ctx: Ctx, query: MemberFilters, pageSize = 250) {
  const scope = await scopeOf(ctx, query.orgId ?? query.under);
  let after: string[] | undefined;
  for (;;) {
    const rows = await searchMembers(ctx.db, {
      scopePath: scope.path,
      orgId: query.orgId,
      status: query.status,
      category: query.category,
      ...parseMemberQuery(query.q),
      order: 'org',
      after,
      limit: pageSize,
    });
    if (rows.length === 0) return;
    yield { scope, items: rows.map((r) => toMember(r)) };
    const last = rows[rows.length - 1];
    after = last ? [last.org_path, last.name_key, last.id] : undefined;
  }
}

export async function listDuplicates(
  ctx: Ctx,
  query: { under?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const scope = await scopeOf(ctx, query.under);
  const after = decodeCursor<[string]>(query.cursor, ['string']);
  const keys = await findDuplicateKeys(ctx.db, scope.path, after?.[0], query.limit + 1);
  const page = toPage(
    keys,
    query.limit,
    (key) => key,
    (key) => [key],
  );
  const rows = page.items.length ? await findMembersByNameKeys(ctx.db, scope.path, page.items) : [];
  await recordAudit(ctx.db, ctx, {
    action: 'member.duplicates',
    target: { type: 'org', id: scope.id, orgPath: scope.path },
    details: { groups: page.items.length },
  });
  return {
    items: page.items.map((key) => ({
      key,
      members: rows.filter((r) => r.name_key === key).map((r) => toMember(r)),
    })),
    nextCursor: page.nextCursor,
  };
}

export async function memberHistory(
  ctx: Ctx,
  id: string,
  page: { limit: number; cursor?: string | undefined },
) {
  const row = await findMemberById(ctx.db, id);
  authorize(ctx.actor, 'member:read', row, MEMBER_NOT_FOUND);
  const periods = await findPeriods(ctx.db, id);
  const changes = await pageOfChanges<MemberChangeAction>(ctx.db, { type: 'member', id }, page);
  await recordAudit(ctx.db, ctx, {
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
