import {
  type Application,
  type ApplicationAccept,
  type ApplicationQuery,
  type ApplicationStatus,
  isoToRu,
  type Member,
  todayIso,
} from '@profreestr/contracts';
import { conflict, invalid } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { authorize, authorizeList } from '../access/access.js';
import { listScope } from '../access/placement.js';
import { recordAudit } from '../audit/audit.service.js';
import { applicationAcceptedLetter, applicationRejectedLetter } from '../mail/letters.js';
import { cabinetSignInUrl, queueLetters } from '../mail/mail.service.js';
import { createMember } from '../members/members.service.js';
import {
  type ApplicationRow,
  countWaiting,
  findApplication,
  findApplicationForUpdate,
  findApplications,
  findApplicationsOfMember,
  updateApplication,
} from './join.queries.js';
import { APPLICATION_NOT_FOUND, fullNameOf } from './join.service.js';

// Online join, the staff's side: the applications of their subtree, submitted and later (one
// nobody confirmed is not an application yet), and the decision. Accepting puts the person on
// record through the members feature, with its rules and its duplicate check, in the same
// transaction that marks the application: two editors accepting at once make one member.

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);

/** The person as the application holds them: what the staff read and what goes on record. */
const personOf = (row: ApplicationRow) => ({
  lastName: row.last_name,
  firstName: row.first_name,
  middleName: row.middle_name,
  sex: row.sex,
  birthDate: row.birth_date,
  category: row.category,
  workplace: row.workplace,
  position: row.position,
  studyCourse: row.study_course,
  phone: row.phone,
  email: row.email,
});

function toApplication(row: ApplicationRow): Application {
  return {
    id: row.id,
    status: row.status,
    orgId: row.org_id,
    orgName: row.org_name,
    ...personOf(row),
    pdConsentVersion: row.pd_consent_version,
    createdAt: iso(row.created_at) as string,
    confirmedAt: iso(row.confirmed_at),
    decidedAt: iso(row.decided_at),
    rejectReason: row.reject_reason,
    memberId: row.member_id,
  };
}

/** Where staff may see it: an application confirmed by its applicant, in its org's place. */
const placeOf = (row: ApplicationRow | undefined) =>
  row && row.status !== 'unconfirmed' && row.status !== 'expired'
    ? { path: row.org_path }
    : undefined;

const targetOf = (row: ApplicationRow) => ({
  type: 'application',
  id: row.id,
  orgPath: row.org_path,
});

const decided: Partial<Record<ApplicationStatus, string>> = {
  accepted: 'По заявлению уже принято решение: человек поставлен на учёт',
  rejected: 'Заявление уже отклонено',
};

/** The application, locked, when the caller may decide it and it still waits for a decision. */
async function waitingApplication(ctx: StaffCtx, id: string) {
  const locked = await findApplicationForUpdate(ctx.db, id);
  authorize(ctx.actor, 'application:decide', placeOf(locked), APPLICATION_NOT_FOUND);
  const row = locked as ApplicationRow;
  if (row.status !== 'submitted') {
    throw conflict(decided[row.status] ?? 'Заявление не ждёт решения');
  }
  return row;
}

const person = (row: ApplicationRow) => ({
  firstName: row.first_name,
  middleName: row.middle_name,
});

export async function listApplications(ctx: StaffCtx, query: ApplicationQuery) {
  const scopePath = await listScope(ctx, 'application:read', query.under);
  const beforeId = decodeCursor(query.cursor, ['id'])?.[0];
  const rows = await findApplications(ctx.db, {
    scopePath,
    status: query.status,
    beforeId,
    limit: query.limit + 1,
  });
  // Names, birth dates and addresses: reading the list is on record.
  await recordAudit(ctx, {
    action: 'application.list',
    target: { type: 'org', id: query.under ?? ctx.actor.orgId, orgPath: scopePath },
    details: {
      ...(query.status ? { applicationStatus: query.status } : {}),
      returned: Math.min(rows.length, query.limit),
    },
  });
  return toPage(rows, query.limit, toApplication, (r) => [r.id]);
}

/** The menu's badge: applications of the caller's subtree waiting for a decision. */
export async function countApplications(ctx: StaffCtx) {
  authorizeList(ctx.actor, 'application:read');
  return { submitted: await countWaiting(ctx.db, ctx.actor.orgPath) };
}

/** The member's own applications, for the cabinet's export (the caller there is the member). */
export async function applicationsOfMember(db: StaffCtx['db'], memberId: string) {
  return (await findApplicationsOfMember(db, memberId)).map(toApplication);
}

export async function getApplication(ctx: StaffCtx, id: string): Promise<Application> {
  const row = await findApplication(ctx.db, id);
  authorize(ctx.actor, 'application:read', placeOf(row), APPLICATION_NOT_FOUND);
  await recordAudit(ctx, { action: 'application.read', target: targetOf(row as ApplicationRow) });
  return toApplication(row as ApplicationRow);
}

/**
 * Accepting: the person is put on record in the chosen primary (a new card number; a person
 * on record anywhere is the members feature's 409), their consent kept as given in the form,
 * and they are told, with the way into the cabinet.
 */
export async function acceptApplication(
  ctx: StaffCtx,
  id: string,
  input: ApplicationAccept,
): Promise<{ application: Application; member: Member }> {
  return inTransaction(ctx, async (tx) => {
    const row = await waitingApplication(tx, id);
    const appliedOn = todayIso(new Date(row.created_at));
    const registeredOn = input.on ?? todayIso();
    if (registeredOn < appliedOn) {
      throw invalid(
        'on',
        `Дата постановки на учёт не может быть раньше даты заявления (${isoToRu(appliedOn)})`,
      );
    }
    const member = await createMember(
      tx,
      {
        orgId: row.org_id,
        ...personOf(row),
        // Joining the union is this decision.
        joinedOn: registeredOn,
        pdConsent: { givenOn: appliedOn, version: row.pd_consent_version, method: 'electronic' },
        registeredOn,
      },
      { fromApplication: true },
    );
    const now = new Date();
    const changes = {
      status: 'accepted' as const,
      member_id: member.id,
      decided_at: now,
      decided_by: tx.actor.userId,
    };
    await updateApplication(tx.db, id, changes);
    await queueLetters(tx, [
      {
        ...applicationAcceptedLetter(
          person(row),
          { orgName: row.org_name, cardNumber: member.cardNumber },
          cabinetSignInUrl(row.email),
        ),
        kind: 'application_accepted',
        to: { address: row.email, name: fullNameOf(row) },
        orgPath: row.org_path,
        memberId: member.id,
      },
    ]);
    await recordAudit(tx, {
      action: 'application.accept',
      target: targetOf(row),
      details: { memberId: member.id },
    });
    return { application: toApplication({ ...row, ...changes }), member };
  });
}

/** Refusing: the reason is kept and sent to the applicant. */
export async function rejectApplication(
  ctx: StaffCtx,
  id: string,
  input: { reason: string },
): Promise<Application> {
  return inTransaction(ctx, async (tx) => {
    const row = await waitingApplication(tx, id);
    const changes = {
      status: 'rejected' as const,
      reject_reason: input.reason,
      decided_at: new Date(),
      decided_by: tx.actor.userId,
    };
    await updateApplication(tx.db, id, changes);
    await queueLetters(tx, [
      {
        ...applicationRejectedLetter(person(row), {
          orgName: row.org_name,
          reason: input.reason,
        }),
        kind: 'application_rejected',
        to: { address: row.email, name: fullNameOf(row) },
        orgPath: row.org_path,
      },
    ]);
    await recordAudit(tx, { action: 'application.reject', target: targetOf(row) });
    return toApplication({ ...row, ...changes });
  });
}
