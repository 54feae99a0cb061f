import type { DuplicateGroup, DuplicateKind } from '@profreestr/contracts';
import { invalid } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { authorize, can } from '../access/access.js';
import { recordAudit, recordAudits } from '../audit/audit.service.js';
import { toMember } from './member-card.js';
import {
  findCandidateKeys,
  findCandidateMembers,
  findDuplicateKeys,
  findDuplicateMembers,
  findPeopleByIds,
  insertDismissal,
} from './member-duplicates.queries.js';
import type { MemberRecord } from './members.queries.js';
import { MEMBER_NOT_FOUND, scopeOf } from './members.service.js';

// Suspected duplicates. The domain rule: one person is one normalised full name with one birth
// date, so records sharing both are duplicates. A record without a birth date whose name others
// hold is only a candidate (it may be one of them, or a namesake): shown apart, never mixed in.

/** A common name has hundreds of namesakes at the centre: a candidate group shows this many. */
export const CANDIDATE_MEMBERS_SHOWN = 20;

export async function listDuplicates(
  ctx: StaffCtx,
  query: {
    under?: string | undefined;
    kind: DuplicateKind;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<{ items: DuplicateGroup[]; nextCursor: string | null }> {
  const scope = await scopeOf(ctx, query.under);
  // Every record listed lies in the scope: what the caller may do there decides for all.
  const canResolve =
    can(ctx.actor, 'member:merge', scope) && can(ctx.actor, 'member:mark-distinct', scope);
  const page =
    query.kind === 'duplicate'
      ? await duplicatePage(ctx, scope.path, query.limit, query.cursor)
      : await candidatePage(ctx, scope.path, query.limit, query.cursor);
  // The groups show names and birth dates: who looked, where and at how many is on record.
  await recordAudit(ctx, {
    action: 'member.duplicates',
    target: { type: 'org', id: scope.id, orgPath: scope.path },
    details: { kind: query.kind, groups: page.items.length },
  });
  return {
    items: page.items.map((group) => ({ ...group, canResolve })),
    nextCursor: page.nextCursor,
  };
}

async function duplicatePage(ctx: StaffCtx, scopePath: string, limit: number, cursor?: string) {
  const after = decodeCursor(cursor, ['text', 'date']);
  const keys = await findDuplicateKeys(ctx.db, scopePath, after, limit + 1);
  const page = toPage(
    keys,
    limit,
    (key) => key,
    (key) => [key.name_key, key.birth_date],
  );
  const rows = await findDuplicateMembers(ctx.db, scopePath, page.items);
  const byGroup = groupBy(rows, (r) => `${r.name_key}|${r.birth_date}`);
  return {
    items: page.items.map((key) => {
      const members = byGroup.get(`${key.name_key}|${key.birth_date}`) ?? [];
      return {
        key: key.name_key,
        kind: 'duplicate' as const,
        birthDate: key.birth_date,
        members: members.map((r) => toMember(r)),
        memberCount: members.length,
      };
    }),
    nextCursor: page.nextCursor,
  };
}

async function candidatePage(ctx: StaffCtx, scopePath: string, limit: number, cursor?: string) {
  const after = decodeCursor(cursor, ['text']);
  const keys = await findCandidateKeys(ctx.db, scopePath, after?.[0], limit + 1);
  const page = toPage(
    keys,
    limit,
    (key) => key,
    (key) => [key],
  );
  const byGroup = groupBy(
    await findCandidateMembers(ctx.db, scopePath, page.items, CANDIDATE_MEMBERS_SHOWN),
    (r) => r.name_key,
  );
  return {
    items: page.items.map((key) => {
      const members = byGroup.get(key) ?? [];
      return {
        key,
        kind: 'candidate' as const,
        birthDate: null,
        members: members.map((r) => toMember(r)),
        memberCount: Number(members[0]?.member_count ?? members.length),
      };
    }),
    nextCursor: page.nextCursor,
  };
}

function groupBy<R extends MemberRecord>(rows: R[], keyOf: (row: R) => string) {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/**
 * «Не дубль»: the records (a group, or a pair of it) are different people. Remembered as the
 * set of records: a group stays hidden while all its records are in one such set.
 */
export async function markDistinct(ctx: StaffCtx, input: { memberIds: string[] }): Promise<void> {
  const ids = [...new Set(input.memberIds)];
  await inTransaction(ctx, async (tx) => {
    const rows = await findPeopleByIds(tx.db, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids)
      authorize(tx.actor, 'member:mark-distinct', byId.get(id), MEMBER_NOT_FOUND);
    if (ids.length < 2) throw invalid('memberIds', 'Укажите хотя бы две разные записи');
    const [first] = rows as [(typeof rows)[number], ...typeof rows];
    if (rows.some((r) => r.name_key !== first.name_key)) {
      throw invalid('memberIds', 'ФИО в записях различаются: такие записи не считаются дублями');
    }
    const dates = new Set(rows.map((r) => r.birth_date));
    // All with one date: a duplicate group. Some without a date: a candidate group. Different
    // known dates only: different people already, nothing to mark.
    if (!dates.has(null) && dates.size > 1) {
      throw invalid('memberIds', 'Даты рождения в записях различаются: это и так разные люди');
    }
    await insertDismissal(tx.db, {
      nameKey: first.name_key,
      birthDate: dates.has(null) ? null : first.birth_date,
      memberIds: ids,
      userId: tx.actor.userId,
    });
    await recordAudits(
      tx,
      rows.map((r) => ({
        action: 'member.distinct',
        target: { type: 'member', id: r.id, orgPath: r.path },
        details: { memberIds: ids },
      })),
    );
  });
}
