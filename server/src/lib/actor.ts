import type { Role } from '@profreestr/contracts';

// Who is calling. Every request resolves to exactly one kind; each route declares the kinds it
// admits (`config.callers`, lib/http) and every other kind gets 401 before the route runs.

/** A union employee signed in with login and password (cookie `prf_session`). */
export interface StaffActor {
  kind: 'staff';
  userId: string;
  login: string;
  role: Role;
  orgId: string;
  /** Materialized path of the user's org: the root of everything they may see. */
  orgPath: string;
  sessionId: string;
}

/** A member on record in their personal cabinet (their own cookie). */
export interface MemberActor {
  kind: 'member';
  memberId: string;
  orgId: string;
  sessionId: string;
}

/** A bonus partner's program (`Authorization: Bearer <api key>`). */
export interface PartnerActor {
  kind: 'partner';
  partnerId: string;
}

/** Nobody signed in: sign-in pages, the public join routes. */
export interface ApplicantActor {
  kind: 'applicant';
}

/** The system itself: a job, the daily step, a start-up task. */
export interface SystemActor {
  kind: 'system';
  /** What is acting (the job's name), for the audit log. */
  job: string;
}

export type Actor = StaffActor | MemberActor | PartnerActor | ApplicantActor | SystemActor;
export type CallerKind = Actor['kind'];
export const callerKinds = ['staff', 'member', 'partner', 'applicant', 'system'] as const;

export const applicant: ApplicantActor = { kind: 'applicant' };

/** How the audit log and the change history name a caller: its kind, id and a readable name. */
export function actorRef(actor: Actor | null): {
  kind: CallerKind;
  id: string | null;
  userId: string | null;
  login: string | null;
} {
  switch (actor?.kind) {
    case 'staff':
      return { kind: 'staff', id: actor.userId, userId: actor.userId, login: actor.login };
    case 'member':
      return { kind: 'member', id: actor.memberId, userId: null, login: null };
    case 'partner':
      return { kind: 'partner', id: actor.partnerId, userId: null, login: null };
    case 'system':
      return { kind: 'system', id: actor.job, userId: null, login: null };
    default:
      return { kind: 'applicant', id: null, userId: null, login: null };
  }
}
