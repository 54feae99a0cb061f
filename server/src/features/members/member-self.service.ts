import {
  type CabinetPatch,
  type ConsentEntry,
  type ConsentKind,
  consentTexts,
  type Member,
  todayIso,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { unauthenticated } from '../../lib/app-error.js';
import { inTransaction, type MemberCtx } from '../../lib/context.js';
import { recordAudit } from '../audit/audit.service.js';
import { diffFields } from '../history/field-diff.js';
import { pageOfChanges } from '../history/history.service.js';
import { applyCardPatch, cardOf, toMember } from './member-card.js';
import { consentHistory, recordConsentEvents } from './member-consents.js';
import { writeChangedCards } from './member-records.js';
import {
  findMemberById,
  findMemberForUpdate,
  findPeriods,
  findPrimaryWithChairman,
  type MemberRecord,
  updateMemberRow,
} from './members.queries.js';

// A member acting on their own card, in the cabinet: the same writes as staff (history, counts,
// consents ledger), limited to what the member may change — their phone, address, letters and
// consents. The actor's id is the only member these functions reach.

type Db = Kysely<Database>;

async function ownRow(ctx: MemberCtx, lock = false) {
  const row = await (lock ? findMemberForUpdate : findMemberById)(ctx.db, ctx.actor.memberId);
  // Taken off record or merged meanwhile: the session is worth nothing any more.
  if (row?.status === 'active') return row;
  throw unauthenticated();
}

/** The org as the member sees it: the chairman named (with e-mail) only if they agreed. */
async function orgOfMember(db: Db, orgId: string) {
  const org = await findPrimaryWithChairman(db, orgId);
  const fullName = [org?.last_name, org?.first_name, org?.middle_name].filter(Boolean).join(' ');
  const consented = org?.notify_email === true && !!org.email && !!fullName;
  return {
    id: orgId,
    name: org?.name ?? '',
    path: org?.path ?? '',
    chairman: consented ? { fullName, email: org.email } : null,
  };
}

/** The member's own card and org; the read is audited with the member as the caller. */
export async function readOwnCard(ctx: MemberCtx) {
  const row = await ownRow(ctx);
  const { path, ...org } = await orgOfMember(ctx.db, row.org_id);
  await recordAudit(ctx, {
    action: 'member.read',
    target: { type: 'member', id: row.id, orgPath: row.org_path },
  });
  return { member: toMember(row), org, orgPath: path, row };
}

/** Own phone, address and letters; every other field is refused by the contract's schema. */
export async function updateOwnContacts(ctx: MemberCtx, patch: CabinetPatch): Promise<Member> {
  return inTransaction(ctx, async (tx) => {
    const row = await ownRow(tx, true);
    const before = cardOf(row);
    const after = applyCardPatch(before, patch);
    const changes = diffFields(before, after);
    if (changes.length === 0) return toMember(row);
    const [updated] = await writeChangedCards(tx, [{ record: row, before, after, changes }]);
    return toMember(updated as MemberRecord);
  });
}

/** Grants or withdraws one consent: the card changes, the ledger gets a dated entry. */
export async function setOwnConsent(
  ctx: MemberCtx,
  kind: ConsentKind,
  granted: boolean,
): Promise<ConsentEntry> {
  return inTransaction(ctx, async (tx) => {
    const row = await ownRow(tx, true);
    const version = consentTexts[kind].version;
    if (kind === 'bonus_programme') {
      // Not part of the card's form: its own column; the ledger is its history.
      if (row.bonus_programme !== granted) {
        await updateMemberRow(tx.db, row.id, { bonus_programme: granted });
      }
      await recordConsentEvents(tx, [{ memberId: row.id, kind, granted, version }]);
    } else {
      const before = cardOf(row);
      const after =
        kind === 'pd'
          ? {
              ...before,
              pdConsent: granted
                ? { givenOn: todayIso(), version, method: 'electronic' as const }
                : null,
            }
          : { ...before, notify: { ...before.notify, [kind.slice('notify_'.length)]: granted } };
      const changes = diffFields(before, after);
      // The card's writes add the ledger entry; a switch set to what it was is still the
      // member's act, dated, and goes in the ledger alone.
      if (changes.length) await writeChangedCards(tx, [{ record: row, before, after, changes }]);
      else await recordConsentEvents(tx, [{ memberId: row.id, kind, granted, version }]);
    }
    const [latest] = (await consentHistory(tx.db, row.id)).filter((e) => e.kind === kind);
    return latest as ConsentEntry;
  });
}

export const ownConsents = (ctx: MemberCtx) => consentHistory(ctx.db, ctx.actor.memberId);

/** Periods and the whole history of the card, for the export of everything held. */
export async function ownRecordHistory(ctx: MemberCtx) {
  const periods = await findPeriods(ctx.db, ctx.actor.memberId);
  const history = await pageOfChanges(
    ctx.db,
    { type: 'member', id: ctx.actor.memberId },
    { limit: 1000 },
  );
  return {
    periods: periods.map((p) => ({
      orgId: p.org_id,
      orgName: p.org_name,
      registeredOn: p.registered_on,
      deregisteredOn: p.deregistered_on,
      reason: p.reason,
    })),
    history: history.items.map((c) => ({
      at: c.at,
      action: c.action,
      changes: c.changes,
      by: c.actor ? c.actor.fullName || c.actor.login : 'Вы или система',
    })),
  };
}

/** Who signs in with an address: the active members holding it (two at most: one is enough). */
export function findSignInMembers(db: Db, email: string) {
  return db
    .selectFrom('members')
    .select(['id', 'org_id', 'org_path', 'first_name', 'middle_name', 'email'])
    .where('email', '=', email)
    .where('status', '=', 'active')
    .orderBy('id')
    .limit(2)
    .execute();
}

/** Signing in with a code sent to the address proves it is the member's. */
export async function confirmOwnEmail(db: Db, memberId: string, email: string) {
  await db
    .updateTable('members')
    .set({ email_verified: true })
    .where('id', '=', memberId)
    .where('email', '=', email)
    .where('email_verified', '=', false)
    .execute();
}
