import type { Insertable, Kysely, Updateable } from 'kysely';
import type { BenefitsTable, Database } from '../../db/schema.js';
import { subtreeUpperBound } from '../../lib/tree-path.js';

// The benefits catalogue in SQL: a benefit with its org's name and place.

type Db = Kysely<Database>;

const benefitColumns = [
  'b.id',
  'b.org_id',
  'b.title',
  'b.description',
  'b.kind',
  'b.conditions',
  'b.active_from',
  'b.active_to',
  'o.name as org_name',
  'o.path as org_path',
] as const;

const withOrg = (db: Db) =>
  db.selectFrom('benefits as b').innerJoin('orgs as o', 'o.id', 'b.org_id').select(benefitColumns);

export const findBenefit = (db: Db, id: string) =>
  withOrg(db).where('b.id', '=', id).executeTakeFirst();
export type BenefitRow = NonNullable<Awaited<ReturnType<typeof findBenefit>>>;

/** Locked until commit: an edit, an end and a request wait for each other. */
export const findBenefitForUpdate = (db: Db, id: string) =>
  withOrg(db).where('b.id', '=', id).forUpdate('b').executeTakeFirst();

/** Shared until commit: a request made while the benefit is ended or edited waits for it. */
export const findBenefitForShare = (db: Db, id: string) =>
  withOrg(db).where('b.id', '=', id).forShare('b').executeTakeFirst();

export const insertBenefit = (db: Db, row: Insertable<BenefitsTable>) =>
  db.insertInto('benefits').values(row).returning('id').executeTakeFirstOrThrow();

export const updateBenefit = (db: Db, id: string, set: Updateable<BenefitsTable>) =>
  db.updateTable('benefits').set(set).where('id', '=', id).execute();

/** The benefits offered by the orgs of a subtree, newest first (keyset on id). */
export const findBenefitsUnder = (
  db: Db,
  path: string,
  beforeId: string | undefined,
  limit: number,
) =>
  withOrg(db)
    .where('o.path', '>=', path)
    .where('o.path', '<', subtreeUpperBound(path))
    .$if(beforeId !== undefined, (q) => q.where('b.id', '<', beforeId as string))
    .orderBy('b.id', 'desc')
    .limit(limit)
    .execute();

/** What the given orgs (a member's org and its ancestors) offer on `day`, from the top down. */
export const findBenefitsOffered = (db: Db, orgIds: readonly string[], day: string) =>
  withOrg(db)
    .where('b.org_id', 'in', orgIds)
    .where('b.active_from', '<=', day)
    .where((eb) => eb.or([eb('b.active_to', 'is', null), eb('b.active_to', '>=', day)]))
    .orderBy('o.path')
    .orderBy('b.title')
    .orderBy('b.id')
    .execute();
