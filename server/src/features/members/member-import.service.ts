import { isoToRu, type MemberPatch, personNameKey, quoted, todayIso } from '@profreestr/contracts';
import type { StaffCtx } from '../../lib/context.js';
import { withSavepoint } from '../../lib/savepoint.js';
import { canSee } from '../access/access.js';
import { diffFields } from '../history/field-diff.js';
import { type EntityChange, recordChanges } from '../history/history.service.js';
import { factsOf, type MemberFacts, recordManyMemberFacts } from '../stats/stats.service.js';
import { cardNumberFromSerial } from './card-number.js';
import {
  applyCardPatch,
  cardColumns,
  cardOf,
  cardProblems,
  emptyCard,
  type MemberCard,
} from './member-card.js';
import { retiredCardNumbers } from './member-merge.queries.js';
import {
  findActivePeople,
  findMembersByCardNumbers,
  findMembersByOrgAndName,
  insertMembers,
  type MemberRecord,
  nextCardSerials,
  openPeriods,
  takenCardNumbers,
  updateMemberRow,
} from './members.queries.js';

// Members from a spreadsheet, a batch of rows at a time: a few statements per batch instead
// of ten per row. The rules are those of createMember and updateMember.

type Db = StaffCtx['db'];

export interface MemberImportRow {
  /** The row of the file, for reports. */
  row: number;
  /** A primary the caller may put members on record in (checked by the caller). */
  org: { id: string; path: string };
  /** The non-empty cells: an empty cell never erases what the register holds. */
  fields: MemberPatch & { lastName: string; firstName: string };
  cardNumber: string | null;
}

export interface ImportProblem {
  row: number;
  /** The API field at fault (`cardNumber`, `orgId`, …), or null for the row as a whole. */
  field: string | null;
  message: string;
}

export interface BatchOutcome {
  created: number;
  updated: number;
  problems: ImportProblem[];
}

const personKey = (nameKey: string, birthDate: string | null) => `${nameKey}|${birthDate ?? ''}`;
const orgPersonKey = (orgId: string, nameKey: string, birthDate: string | null) =>
  `${orgId}|${personKey(nameKey, birthDate)}`;

/** A record as the batch goes: loaded from the register, or to be created by this batch. */
interface Tracked {
  record: MemberRecord | null;
  orgId: string;
  orgPath: string;
  card: MemberCard;
  cardNumber: string | null;
  /** The first row that created it in this batch. */
  createdBy?: number;
  changed?: boolean;
}

/**
 * Imports a batch in the caller's transaction (`ctx.db`). When a concurrent writer makes the
 * batch clash with a unique index, the batch is retried row by row, so only the clashing row is
 * refused.
 */
export async function importMemberRows(
  ctx: StaffCtx,
  rows: readonly MemberImportRow[],
): Promise<BatchOutcome> {
  try {
    return await withSavepoint(ctx.db, () => importBatch(ctx, rows));
  } catch (error) {
    if (!isUniqueViolation(error) || rows.length === 1) throw error;
  }
  const total: BatchOutcome = { created: 0, updated: 0, problems: [] };
  for (const row of rows) {
    const one = await withSavepoint(
      ctx.db,
      () => importBatch(ctx, [row]),
      async (error) => {
        if (!isUniqueViolation(error)) throw error;
        return {
          created: 0,
          updated: 0,
          // A concurrent writer put the same person on record a moment ago.
          problems: [
            {
              row: row.row,
              field: null,
              message: `${alreadyOnRecord(ctx, row.fields, { orgPath: '' })}`,
            },
          ],
        };
      },
    );
    total.created += one.created;
    total.updated += one.updated;
    total.problems.push(...one.problems);
  }
  return total;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

const RETIRED_CARD =
  'Этот номер билета был у карточки, объединённой с другой карточкой того же человека: он больше не выдаётся';

/** Where a person is on record already: a primary of the register, or a row of this file. */
type OnRecord = { orgPath: string; orgName?: string; orgCode?: string; row?: number };

/** Names the person, and where they are when the caller may see it (else only "elsewhere"). */
function alreadyOnRecord(
  ctx: StaffCtx,
  person: {
    lastName: string;
    firstName: string;
    middleName?: string | null | undefined;
    birthDate?: string | null | undefined;
  },
  where: OnRecord,
) {
  const name = [person.lastName, person.firstName, person.middleName].filter(Boolean).join(' ');
  const born = person.birthDate ? `, ${isoToRu(person.birthDate)} г. р.,` : '';
  if (where.row !== undefined)
    return `${name}${born} уже поставлен(а) на учёт строкой ${where.row} этого файла`;
  if (!canSee(ctx.actor, where.orgPath)) {
    return `${name}${born} уже состоит на учёте в другой организации`;
  }
  return `${name}${born} уже состоит на учёте в организации ${quoted(where.orgName ?? '')} (код ${where.orgCode}): перевод — в карточке члена Профсоюза`;
}

async function importBatch(ctx: StaffCtx, rows: readonly MemberImportRow[]) {
  const keyed = rows.map((r) => ({
    ...r,
    nameKey: personNameKey(r.fields.lastName, r.fields.firstName, r.fields.middleName ?? null),
    birthDate: r.fields.birthDate ?? null,
  }));
  const supplied = unique(keyed.flatMap((r) => (r.cardNumber ? [r.cardNumber] : [])));
  const [retired, byCardRows, inOrgRows, activeRows] = await Promise.all([
    retiredCardNumbers(ctx.db, supplied),
    findMembersByCardNumbers(ctx.db, supplied),
    findMembersByOrgAndName(
      ctx.db,
      uniqueBy(
        keyed.map((r) => ({ orgId: r.org.id, nameKey: r.nameKey })),
        (p) => `${p.orgId}|${p.nameKey}`,
      ),
    ),
    findActivePeople(
      ctx.db,
      uniqueBy(
        keyed.flatMap((r) => (r.birthDate ? [{ nameKey: r.nameKey, birthDate: r.birthDate }] : [])),
        (p) => personKey(p.nameKey, p.birthDate),
      ),
    ),
  ]);

  const track = (record: MemberRecord): Tracked => ({
    record,
    orgId: record.org_id,
    orgPath: record.org_path,
    card: cardOf(record),
    cardNumber: record.card_number,
  });
  const byCard = new Map<string, Tracked>();
  const inOrg = new Map<string, Tracked>();
  for (const record of [...byCardRows, ...inOrgRows]) {
    const t = byCard.get(record.card_number) ?? track(record);
    byCard.set(record.card_number, t);
    const key = orgPersonKey(record.org_id, record.name_key, record.birth_date);
    // The active record wins over an old deregistered one of the same person.
    if (!inOrg.has(key) || record.status === 'active') inOrg.set(key, t);
  }
  const activeElsewhere = new Map<string, OnRecord>(
    activeRows.map((r) => [
      personKey(r.name_key, r.birth_date),
      { orgPath: r.org_path, orgName: r.org_name, orgCode: r.org_code },
    ]),
  );

  const problems: ImportProblem[] = [];
  const touched = new Set<Tracked>();
  for (const r of keyed) {
    const refuse = (field: string | null, message: string) =>
      problems.push({ row: r.row, field, message });
    if (r.cardNumber && retired.has(r.cardNumber)) {
      refuse('cardNumber', RETIRED_CARD);
      continue;
    }
    let target = r.cardNumber ? byCard.get(r.cardNumber) : undefined;
    if (target && target.orgId !== r.org.id) {
      refuse(
        'cardNumber',
        canSee(ctx.actor, target.orgPath)
          ? 'Член Профсоюза с этим билетом состоит на учёте в другой организации: перевод — в его карточке'
          : 'Этот номер билета уже выдан',
      );
      continue;
    }
    target ??= inOrg.get(orgPersonKey(r.org.id, r.nameKey, r.birthDate));
    if (target && r.cardNumber && target.cardNumber && target.cardNumber !== r.cardNumber) {
      refuse(
        'cardNumber',
        `У этого члена Профсоюза в реестре другой номер билета: ${target.cardNumber}`,
      );
      continue;
    }
    if (target) {
      const after = applyCardPatch(target.card, r.fields);
      const problem = cardProblems(after)[0];
      if (problem) {
        refuse(problem.field, problem.message);
        continue;
      }
      if (diffFields(target.card, after).length > 0) {
        target.card = after;
        target.changed = true;
        touched.add(target);
      }
      continue;
    }
    const elsewhere = r.birthDate
      ? activeElsewhere.get(personKey(r.nameKey, r.birthDate))
      : undefined;
    if (elsewhere) {
      refuse(null, alreadyOnRecord(ctx, r.fields, elsewhere));
      continue;
    }
    const card = applyCardPatch(emptyCard(r.fields.lastName, r.fields.firstName), r.fields);
    const problem = cardProblems(card)[0];
    if (problem) {
      refuse(problem.field, problem.message);
      continue;
    }
    const created: Tracked = {
      record: null,
      orgId: r.org.id,
      orgPath: r.org.path,
      card,
      cardNumber: r.cardNumber,
      createdBy: r.row,
    };
    touched.add(created);
    if (r.cardNumber) byCard.set(r.cardNumber, created);
    inOrg.set(orgPersonKey(r.org.id, r.nameKey, r.birthDate), created);
    if (r.birthDate && created.card.birthDate) {
      activeElsewhere.set(personKey(r.nameKey, r.birthDate), { orgPath: r.org.path, row: r.row });
    }
  }

  const creations = [...touched].filter((t) => t.record === null);
  const updates = [...touched].filter((t) => t.record !== null && t.changed);
  await writeCreations(ctx, creations);
  await writeUpdates(ctx, updates);
  return { created: creations.length, updated: updates.length, problems };
}

async function writeCreations(ctx: StaffCtx, creations: Tracked[]) {
  if (creations.length === 0) return;
  await assignCardNumbers(ctx.db, creations);
  const on = todayIso();
  const inserted = await insertMembers(
    ctx.db,
    creations.map((t) => ({
      org_id: t.orgId,
      ...cardColumns(t.card),
      registered_on: on,
      card_number: t.cardNumber as string,
    })),
  );
  const cards = new Map(creations.map((t) => [t.cardNumber as string, t.card]));
  await openPeriods(
    ctx.db,
    inserted.map((m) => ({ memberId: m.id, orgId: m.org_id, on })),
  );
  await recordManyMemberFacts(
    ctx.db,
    inserted.map((m) => [null, factsOf(m)] as const),
  );
  await recordChanges(
    ctx,
    inserted.map(
      (m): EntityChange => ({
        entity: { type: 'member', id: m.id, orgPath: m.org_path },
        action: 'create',
        changes: diffFields(emptyCard('', ''), cards.get(m.card_number) as MemberCard),
        note: 'Импорт из файла',
      }),
    ),
  );
}

/** Numbers for the rows that brought none: drawn from the sequence, skipping any held. */
async function assignCardNumbers(db: Db, creations: Tracked[]) {
  let needing = creations.filter((t) => !t.cardNumber);
  while (needing.length > 0) {
    const candidates = (await nextCardSerials(db, needing.length)).map(cardNumberFromSerial);
    const taken = await takenCardNumbers(db, candidates);
    candidates.forEach((number, i) => {
      const t = needing[i];
      if (t && !taken.has(number)) t.cardNumber = number;
    });
    needing = needing.filter((t) => !t.cardNumber);
  }
}

async function writeUpdates(ctx: StaffCtx, updates: Tracked[]) {
  const facts: (readonly [MemberFacts, MemberFacts])[] = [];
  const changes: EntityChange[] = [];
  for (const t of updates) {
    const before = t.record as MemberRecord;
    const oldCard = cardOf(before);
    const updated = await updateMemberRow(ctx.db, before.id, {
      ...cardColumns(t.card),
      ...(t.card.email !== oldCard.email ? { email_verified: false } : {}),
    });
    facts.push([factsOf(before), factsOf(updated)]);
    changes.push({
      entity: { type: 'member', id: before.id, orgPath: before.org_path },
      action: 'update',
      changes: diffFields(oldCard, t.card),
      note: 'Импорт из файла',
    });
  }
  await recordManyMemberFacts(ctx.db, facts);
  if (changes.length) await recordChanges(ctx, changes);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}
