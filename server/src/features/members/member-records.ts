import { type FieldChange, isoToRu, personNameKey, quoted } from '@profreestr/contracts';
import { conflict } from '../../lib/app-error.js';
import type { Ctx, StaffCtx } from '../../lib/context.js';
import { canSee } from '../access/access.js';
import { diffFields } from '../history/field-diff.js';
import { type EntityChange, recordChanges } from '../history/history.service.js';
import { requestEmailConfirmations } from '../mail/email-confirmation.js';
import type { ChairmanLetterKind } from '../mail/letters.js';
import { type ChairmanContact, notifyChairmen } from '../mail/mail.service.js';
import { factsOf, recordManyMemberFacts } from '../stats/stats.service.js';
import { cardColumns, emptyCard, type MemberCard } from './member-card.js';
import { consentEvents, recordConsentEvents } from './member-consents.js';
import { retiredCardNumbers } from './member-merge.queries.js';
import {
  findActivePeople,
  insertMembersOnRecord,
  type MemberRecord,
  type NewRecordRow,
  updateMemberRow,
} from './members.queries.js';

// The rules and effects of putting cards on record and changing them, one place for a form
// (one card) and a file (a batch): who is on record already, which numbers are never given
// again, the insert with its first period, the counts and the history.

/** Where a person is on record: a primary of the register (named), or a row of the same file. */
export type OnRecord =
  | { memberId: string; orgId: string; orgPath: string; orgName: string; orgCode: string }
  | { row: number; orgPath: string };

type Person = {
  lastName: string;
  firstName: string;
  middleName?: string | null | undefined;
  birthDate?: string | null | undefined;
};

export const personKey = (nameKey: string, birthDate: string | null) =>
  `${nameKey}|${birthDate ?? ''}`;
export const personKeyOf = (p: Person) =>
  personKey(personNameKey(p.lastName, p.firstName, p.middleName ?? null), p.birthDate ?? null);

/**
 * One person, one primary: of these cards, who is on record already (an active card of the same
 * name and birth date, other than `exceptId`). Cards without a birth date are not matched.
 */
export async function findOnRecord(
  ctx: StaffCtx,
  cards: readonly (Person & { exceptId?: string | undefined })[],
): Promise<Map<string, OnRecord>> {
  const rows = await findActivePeople(
    ctx.db,
    cards.flatMap((c) =>
      c.birthDate
        ? [
            {
              nameKey: personNameKey(c.lastName, c.firstName, c.middleName ?? null),
              birthDate: c.birthDate,
              exceptId: c.exceptId,
            },
          ]
        : [],
    ),
  );
  return new Map(
    rows.map((r) => [
      personKey(r.name_key, r.birth_date),
      {
        memberId: r.id,
        orgId: r.org_id,
        orgPath: r.org_path,
        orgName: r.org_name,
        orgCode: r.org_code,
      },
    ]),
  );
}

/**
 * The refusal of a second record, for a form: the org is named (so the form can offer to
 * transfer the member here) only to a caller who may see it; anyone else learns no more than
 * "exists".
 */
export function onRecordConflict(ctx: StaffCtx, where: OnRecord) {
  if ('memberId' in where && canSee(ctx.actor, where.orgPath)) {
    return conflict(`Этот человек уже состоит на учёте в организации ${quoted(where.orgName)}`, [
      {
        field: 'person',
        message: 'Уже состоит на учёте',
        memberId: where.memberId,
        orgId: where.orgId,
        orgName: where.orgName,
      } as never,
    ]);
  }
  return conflict(
    'Человек с такими ФИО и датой рождения уже состоит на учёте в другой организации',
  );
}

/** The same refusal for a row of a file: the person named, and where (when visible). */
export function onRecordMessage(ctx: StaffCtx, person: Person, where: OnRecord) {
  const name = [person.lastName, person.firstName, person.middleName].filter(Boolean).join(' ');
  const born = person.birthDate ? `, ${isoToRu(person.birthDate)} г. р.,` : '';
  if ('row' in where)
    return `${name}${born} уже поставлен(а) на учёт строкой ${where.row} этого файла`;
  if (!canSee(ctx.actor, where.orgPath)) {
    return `${name}${born} уже состоит на учёте в другой организации`;
  }
  return `${name}${born} уже состоит на учёте в организации ${quoted(where.orgName)} (код ${where.orgCode}): перевод — в карточке члена Профсоюза`;
}

/** Numbers merged cards held: never given again (a trigger refuses them too). */
export const retiredNumbers = (ctx: StaffCtx, numbers: readonly string[]) =>
  numbers.length ? retiredCardNumbers(ctx.db, numbers) : Promise.resolve(new Set<string>());

export interface NewCard {
  org: { id: string; path: string };
  card: MemberCard;
  /** The number given, or null to draw the next free one. */
  cardNumber: string | null;
  registeredOn: string;
}

/**
 * Puts cards on record (one statement with their periods), then their counts and history.
 * `skipConflicts`: a card a unique index refuses is left out of the result (a form says why);
 * otherwise the statement fails (a file's batch is retried row by row).
 */
export async function putCardsOnRecord(
  ctx: StaffCtx,
  cards: readonly NewCard[],
  options: {
    skipConflicts: boolean;
    note?: string;
    chairmen?: readonly ChairmanContact[];
    /** Applied online: the address is proved already, the consent came with the application. */
    fromApplication?: boolean;
  },
): Promise<MemberRecord[]> {
  const rows: NewRecordRow[] = cards.map((c) => ({
    org_id: c.org.id,
    ...cardColumns(c.card),
    ...(options.fromApplication ? { email_verified: true } : {}),
    registered_on: c.registeredOn,
    card_number: c.cardNumber,
  }));
  const inserted = await insertMembersOnRecord(ctx.db, rows, options);
  if (inserted.length === 0) return inserted;
  const byKey = new Map(cards.map((c) => [insertedKey(c.org.id, cardColumns(c.card)), c.card]));
  await recordManyMemberFacts(
    ctx.db,
    inserted.map((m) => [null, factsOf(m)] as const),
  );
  await notifyChairmen(ctx, newsByOrg('member_registered', inserted), options.chairmen);
  if (!options.fromApplication) {
    await requestEmailConfirmations(ctx, inserted.flatMap(confirmationOf));
  }
  await recordConsentEvents(
    ctx,
    inserted.flatMap((m) =>
      consentEvents(m.id, null, byKey.get(insertedKey(m.org_id, m)) as MemberCard),
    ),
    options.fromApplication ? 'application' : undefined,
  );
  await recordChanges(
    ctx,
    inserted.map(
      (m): EntityChange => ({
        entity: { type: 'member', id: m.id, orgPath: m.org_path },
        action: 'create',
        changes: diffFields(emptyCard('', ''), byKey.get(insertedKey(m.org_id, m)) as MemberCard),
        note: options.note ?? null,
      }),
    ),
  );
  return inserted;
}

const confirmationOf = (m: MemberRecord) =>
  m.email
    ? [
        {
          id: m.id,
          email: m.email,
          name: [m.last_name, m.first_name, m.middle_name].filter(Boolean).join(' '),
          orgPath: m.org_path,
        },
      ]
    : [];

/** One piece of news per org for its chairman: who was put on record, taken off, moved. */
export function newsByOrg(
  kind: ChairmanLetterKind,
  records: readonly MemberRecord[],
  options: { on?: string; otherOrgId?: string } = {},
) {
  const byOrg = new Map<string, MemberRecord[]>();
  for (const r of records) byOrg.set(r.org_id, [...(byOrg.get(r.org_id) ?? []), r]);
  return [...byOrg].map(([orgId, rows]) => ({
    kind,
    orgId,
    on: options.on ?? (rows[0] as MemberRecord).registered_on,
    otherOrgId: options.otherOrgId,
    people: rows.map((r) => ({
      id: r.id,
      name: [r.last_name, r.first_name, r.middle_name].filter(Boolean).join(' '),
    })),
  }));
}

// A stored row is told apart from the others of its batch by its org and person: a batch never
// holds one person twice in one org (the rows are matched to one card before).
const insertedKey = (
  orgId: string,
  row: { name_key: string; birth_date?: string | null | undefined; card_number?: string | null },
) => `${orgId}|${row.name_key}|${row.birth_date ?? ''}`;

export interface ChangedCard {
  record: MemberRecord;
  before: MemberCard;
  after: MemberCard;
  changes: FieldChange[];
}

/** Writes changed cards, then their counts and history; returns the rows as stored. */
export async function writeChangedCards(
  ctx: Ctx,
  changed: readonly ChangedCard[],
  note?: string,
): Promise<MemberRecord[]> {
  const updated: MemberRecord[] = [];
  for (const c of changed) {
    updated.push(
      await updateMemberRow(ctx.db, c.record.id, {
        ...cardColumns(c.after),
        // A new address is not a verified one.
        ...(c.after.email !== c.before.email ? { email_verified: false } : {}),
      }),
    );
  }
  await recordManyMemberFacts(
    ctx.db,
    changed.map((c, i) => [factsOf(c.record), factsOf(updated[i] as MemberRecord)] as const),
  );
  // A new address is confirmed by its owner (a letter with a link).
  await requestEmailConfirmations(
    ctx,
    updated
      .filter((m, i) => m.email && m.email !== changed[i]?.before.email)
      .flatMap(confirmationOf),
  );
  await recordConsentEvents(
    ctx,
    changed.flatMap((c) => consentEvents(c.record.id, c.before, c.after)),
  );
  await recordChanges(
    ctx,
    changed.map((c) => ({
      entity: { type: 'member', id: c.record.id, orgPath: c.record.org_path },
      action: 'update',
      changes: c.changes,
      note: note ?? null,
    })),
  );
  return updated;
}
