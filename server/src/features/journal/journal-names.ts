import {
  type AuditRecordRef,
  type AuditRecordState,
  deniedRecordType,
  isValidId,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { isInSubtree } from '../../lib/tree-path.js';
import { namesOfMembers } from '../members/members.service.js';
import { namesOfOrgs } from '../orgs/orgs.service.js';
import { namesOfUsers } from '../users/users.service.js';

// The journal names records by their names now: members, orgs and users of a page are looked
// up once per kind through their own features. A record outside the reader's subtree keeps
// its number only, exactly as a request for it would answer 404.

type NamedType = 'member' | 'org' | 'user';
const namedTypes: readonly string[] = ['member', 'org', 'user'];

/** What a page's rows carry that names records. */
export interface NamingRow {
  action: string;
  actor_user_id: string | null;
  target_type: string | null;
  target_id: string | null;
  org_path: string | null;
  details: unknown;
}

/** A record found; a card merged away has neither name nor place left. */
interface Found {
  name: string | null;
  path: string | null;
  state: AuditRecordState;
}

/** The records an entry's details name: an org (`orgId`, `under`), a refused request's `id`. */
export function detailRecords(action: string, details: unknown): { type: string; id: string }[] {
  if (!details || typeof details !== 'object') return [];
  const d = details as Record<string, unknown>;
  const records: { type: string; id: string }[] = [];
  for (const key of ['orgId', 'under']) {
    const value = d[key];
    const change = value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
    for (const id of change ? [change.from, change.to] : [value]) {
      if (typeof id === 'string') records.push({ type: 'org', id });
    }
  }
  // A merge of two cards and a «не дубль» decision name members.
  for (const key of ['keptId', 'mergedId']) {
    if (typeof d[key] === 'string') records.push({ type: 'member', id: d[key] });
  }
  if (Array.isArray(d.memberIds)) {
    for (const id of d.memberIds) if (typeof id === 'string') records.push({ type: 'member', id });
  }
  if (action === 'access.denied' && typeof d.id === 'string' && typeof d.route === 'string') {
    const type = deniedRecordType(d.route);
    if (type && namedTypes.includes(type)) records.push({ type, id: d.id });
  }
  // Once each: a «не дубль» lists the entry's own target among the others.
  return records.filter(
    (r, i) => records.findIndex((o) => o.type === r.type && o.id === r.id) === i,
  );
}

/**
 * Looks up the names of everything a page of entries names (three queries at most) and
 * answers, per entry, its records as the reader may see them.
 */
export async function nameRecords(
  db: Kysely<Database>,
  readerScope: string,
  rows: readonly NamingRow[],
) {
  const wanted: Record<NamedType, Set<string>> = {
    member: new Set(),
    org: new Set(),
    user: new Set(),
  };
  const want = (type: string | null, id: string | null) => {
    // A refused request's id may be anything the caller typed into the URL.
    if (type && id && namedTypes.includes(type) && isValidId(id)) {
      wanted[type as NamedType].add(id);
    }
  };
  for (const row of rows) {
    want(row.target_type, row.target_id);
    want('user', row.actor_user_id);
    for (const record of detailRecords(row.action, row.details)) want(record.type, record.id);
  }

  const [members, orgs, users] = await Promise.all([
    namesOfMembers(db, [...wanted.member]),
    namesOfOrgs(db, [...wanted.org]),
    namesOfUsers(db, [...wanted.user]),
  ]);
  const found: Record<NamedType, Map<string, Found>> = {
    member: new Map(
      [...members].map(([id, m]) => [
        id,
        {
          name: m.name,
          path: m.path,
          state:
            m.status === 'merged'
              ? 'merged'
              : m.status === 'deregistered'
                ? 'deregistered'
                : 'active',
        },
      ]),
    ),
    org: new Map(
      [...orgs].map(([id, o]) => [
        id,
        {
          name: o.name,
          path: o.path,
          state: o.mergedIntoId ? 'merged' : o.status === 'liquidated' ? 'liquidated' : 'active',
        },
      ]),
    ),
    user: new Map(
      [...users].map(([id, u]) => [
        id,
        { name: u.fullName, path: u.path, state: u.disabled ? 'disabled' : 'active' },
      ]),
    ),
  };
  const visible = (path: string | null) => !!path && isInSubtree(path, readerScope);

  return {
    /** A record as the reader sees it now; a missing one is "gone" only if the entry is theirs. */
    ref(row: NamingRow, type: string, id: string): AuditRecordRef {
      const record = namedTypes.includes(type) ? found[type as NamedType].get(id) : undefined;
      if (record?.path) {
        return visible(record.path)
          ? { type, id, name: record.name, state: record.state }
          : { type, id, name: null, state: 'hidden' };
      }
      // Gone (or merged away): said only when the entry itself lies in the reader's subtree.
      if (!visible(row.org_path)) return { type, id, name: null, state: 'hidden' };
      return { type, id, name: null, state: record ? record.state : 'missing' };
    },
    /** The actor's full name now, if the reader may see the user. */
    actorName(id: string | null): string | null {
      const user = id ? found.user.get(id) : undefined;
      return user && visible(user.path) ? user.name : null;
    },
  };
}
