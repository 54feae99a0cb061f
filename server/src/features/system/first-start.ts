import { sql } from 'kysely';
import type { DatabaseHandle } from '../../db/database.js';
import { generatePassword } from '../../lib/passwords.js';
import { countAllOrgs, createCentralOrg } from '../orgs/orgs.service.js';
import { createInitialAdmin } from '../users/users.service.js';

// Any constant works; it only has to be the same for every app server sharing a database.
const FIRST_START_LOCK = 2_026_001;

export interface FirstStartResult {
  created: boolean;
  /** Set only when the password was generated here: it must be shown once. */
  generatedPassword?: string;
}

/**
 * With an empty database: the central organization and the `admin` user. Several app servers
 * may start at once; the advisory lock makes exactly one of them do it.
 */
export async function ensureFirstStart(
  database: DatabaseHandle,
  adminPassword: string | undefined,
): Promise<FirstStartResult> {
  return database.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${FIRST_START_LOCK})`.execute(trx);
    if ((await countAllOrgs(trx)) > 0) return { created: false };
    const orgId = await createCentralOrg(trx);
    const password = adminPassword ?? generatePassword();
    await createInitialAdmin(trx, orgId, password);
    return adminPassword ? { created: true } : { created: true, generatedPassword: password };
  });
}
