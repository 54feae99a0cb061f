import { sql } from 'kysely';

// A primary's chairman as letters need them, read from the passport's `chairman` column: one
// list of columns for every query of orgs that carries the chairman along (db/indicators.ts
// holds the "missing" conditions the same way).

/** The row these columns make, besides the org's own id, name and path. */
export interface ChairmanContactColumns {
  email: string | null;
  last_name: string | null;
  first_name: string | null;
  middle_name: string | null;
  notify_email: boolean | null;
}

export const chairmanContactSql = sql`nullif(chairman->>'email', '') as email,
  chairman->>'lastName' as last_name, chairman->>'firstName' as first_name,
  chairman->>'middleName' as middle_name,
  (chairman->'notify'->>'email')::boolean as notify_email`;
