import type { MailingAudience } from '@profreestr/contracts';
import { sql } from 'kysely';
import { subtreeUpperBound } from '../lib/tree-path.js';

// Who an audience holds (a mailing's, a survey's): the one definition, as SQL conditions, so a
// survey reaches exactly the people a mailing to the same audience would.

type MembersAudience = Extract<MailingAudience, { kind: 'members' }>;
type ChairmenAudience = Extract<MailingAudience, { kind: 'chairmen' }>;

/** Members on record in the subtree of `path`, of the categories if given (`members m`). */
export function memberAudienceSql(audience: MembersAudience, path: string) {
  const categories = audience.categories?.length ? audience.categories : null;
  return sql<boolean>`m.org_path >= ${path} and m.org_path < ${subtreeUpperBound(path)}
    and m.status = 'active'
    and (${categories}::text[] is null or m.category = any(${categories}::text[]))`;
}

/**
 * Active orgs of the subtree whose passport names a chairman, at the levels if given
 * (`orgs o`): each such org is one person of the audience, its chairman.
 */
export function chairmanAudienceSql(audience: ChairmenAudience, path: string) {
  const levels = audience.levels?.length ? audience.levels : null;
  return sql<boolean>`o.path >= ${path} and o.path < ${subtreeUpperBound(path)}
    and o.status = 'active' and nullif(o.chairman->>'lastName', '') is not null
    and (${levels}::text[] is null or o.level = any(${levels}::text[]))`;
}
