import { type MemberPatch, personNameKey, todayIso } from '@profreestr/contracts';
import type { StaffCtx } from '../../lib/context.js';
import { withSavepoint } from '../../lib/savepoint.js';
import { canSee } from '../access/access.js';
import { diffFields } from '../history/field-diff.js';
import { applyCardPatch, cardOf, cardProblems, emptyCard, type MemberCard } from './member-card.js';
import {
  type ChangedCard,
  findOnRecord,
  type OnRecord,
  onRecordMessage,
  personKey,
  personKeyOf,
  putCardsOnRecord,
  retiredNumbers,
  writeChangedCards,
} from './member-records.js';
import {
  findMembersByCardNumbers,
  findMembersByOrgAndName,
  type MemberRecord,
} from './members.queries.js';

// Members from a spreadsheet, a batch of rows at a time: a few statements per batch instead
// of several per row. The rules and the writes are createMember's and updateMember's
// (member-records): who is on record already, retired numbers, the insert with its period,
// the counts and the history; what is the import's own is matching rows to cards.

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
  /** The last row that changed it, for a refusal of the change. */
  lastRow?: number;
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
              message: onRecordMessage(ctx, row.fields, SOMEWHERE),
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

/** On record where the row cannot tell (a concurrent writer): "in another org". */
const SOMEWHERE: OnRecord = { memberId: '', orgId: '', orgPath: '', orgName: '', orgCode: '' };

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

const RETIRED_CARD =
  'Этот номер билета был у карточки, объединённой с другой карточкой того же человека: он больше не выдаётся';

async function importBatch(ctx: StaffCtx, rows: readonly MemberImportRow[]) {
  const keyed = rows.map((r) => ({
    ...r,
    nameKey: personNameKey(r.fields.lastName, r.fields.firstName, r.fields.middleName ?? null),
    birthDate: r.fields.birthDate ?? null,
  }));
  const supplied = unique(keyed.flatMap((r) => (r.cardNumber ? [r.cardNumber] : [])));
  const [retired, byCardRows, inOrgRows, activeElsewhere] = await Promise.all([
    retiredNumbers(ctx, supplied),
    findMembersByCardNumbers(ctx.db, supplied),
    findMembersByOrgAndName(
      ctx.db,
      uniqueBy(
        keyed.map((r) => ({ orgId: r.org.id, nameKey: r.nameKey })),
        (p) => `${p.orgId}|${p.nameKey}`,
      ),
    ),
    findOnRecord(
      ctx,
      uniqueBy(
        keyed.map((r) => r.fields),
        personKeyOf,
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
        target.lastRow = r.row;
        touched.add(target);
      }
      continue;
    }
    const elsewhere = r.birthDate
      ? activeElsewhere.get(personKey(r.nameKey, r.birthDate))
      : undefined;
    if (elsewhere) {
      refuse(null, onRecordMessage(ctx, r.fields, elsewhere));
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
  await putCardsOnRecord(
    ctx,
    creations.map((t) => ({
      org: { id: t.orgId, path: t.orgPath },
      card: t.card,
      cardNumber: t.cardNumber,
      registeredOn: todayIso(),
    })),
    { skipConflicts: false, note: IMPORT_NOTE },
  );
  const written = await writeChangedCards(
    ctx,
    await personChecked(ctx, updates, problems),
    IMPORT_NOTE,
  );
  return { created: creations.length, updated: written.length, problems };
}

const IMPORT_NOTE = 'Импорт из файла';

/**
 * Changed cards of active members that now name someone on record elsewhere (a new name or
 * birth date) are refused, as updateMember refuses them; the others are returned to write.
 */
async function personChecked(ctx: StaffCtx, updates: Tracked[], problems: ImportProblem[]) {
  const changed = updates.map((t): ChangedCard & { row: number } => {
    const record = t.record as MemberRecord;
    const before = cardOf(record);
    const changes = diffFields(before, t.card);
    return { record, before, after: t.card, changes, row: t.lastRow ?? 0 };
  });
  const moved = changed.filter(
    (c) => c.record.status === 'active' && personKeyOf(c.before) !== personKeyOf(c.after),
  );
  const found = await findOnRecord(
    ctx,
    moved.map((c) => ({ ...c.after, exceptId: c.record.id })),
  );
  return changed.filter((c) => {
    const where = found.get(personKeyOf(c.after));
    if (!where || !moved.includes(c)) return true;
    problems.push({ row: c.row, field: 'person', message: onRecordMessage(ctx, c.after, where) });
    return false;
  });
}

const _personKeyOfCard = (card: MemberCard) =>
  personKey(personNameKey(card.lastName, card.firstName, card.middleName), card.birthDate);

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}
