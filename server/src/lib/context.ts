import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Actor, MemberActor, PartnerActor, StaffActor } from './actor.js';
import type { Jobs } from './jobs.js';

/** What every service call gets: the database (or a transaction), who is asking, the jobs. */
export interface Ctx<A extends Actor = Actor> {
  db: Kysely<Database>;
  actor: A;
  ip: string | null;
  /** Sends through `db`: inside `inTransaction` a job commits with the change. */
  jobs: Jobs;
}

export type StaffCtx = Ctx<StaffActor>;
export type MemberCtx = Ctx<MemberActor>;
export type PartnerCtx = Ctx<PartnerActor>;

/**
 * Runs `fn` in one transaction with a context whose `db` (and jobs) are that transaction;
 * inside one already, it simply joins it.
 */
export function inTransaction<C extends Ctx<Actor>, T>(ctx: C, fn: (tx: C) => Promise<T>) {
  if (ctx.db.isTransaction) return fn(ctx);
  return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx, jobs: ctx.jobs.within(trx) }));
}
