import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.js';
import type { DatabaseHandle } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { verifyPassword } from '../../lib/passwords.js';
import { ensureFirstStart } from './first-start.js';

let database: DatabaseHandle | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

const count = async (db: DatabaseHandle['db'], table: 'orgs' | 'users') => {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
  return rows[0]?.n;
};

describe('first start', () => {
  it('migrations run from empty and again without change', async () => {
    database = await createTestDatabase();
    await migrateToLatest(database.db);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() and table_name in ('orgs', 'users', 'sessions', 'audit_log')
      order by table_name`.execute(database.db);
    expect(tables.rows.map((r) => r.table_name)).toEqual([
      'audit_log',
      'orgs',
      'sessions',
      'users',
    ]);
  });

  it('creates the central org and exactly one admin with the password from ADMIN_PASSWORD', async () => {
    database = await createTestDatabase();
    expect(await ensureFirstStart(database, 'given-admin-password')).toEqual({ created: true });
    expect(await ensureFirstStart(database, 'given-admin-password')).toEqual({ created: false });
    expect(await count(database.db, 'orgs')).toBe(1);
    expect(await count(database.db, 'users')).toBe(1);
    const admin = await database.db
      .selectFrom('users')
      .innerJoin('orgs', 'orgs.id', 'users.org_id')
      .select(['users.login', 'users.role', 'users.password_hash', 'orgs.level'])
      .executeTakeFirstOrThrow();
    expect(admin).toMatchObject({ login: 'admin', role: 'admin', level: 'central' });
    expect(admin.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(admin.password_hash, 'given-admin-password')).toBe(true);
  });

  it('without ADMIN_PASSWORD a random password is generated and returned once', async () => {
    database = await createTestDatabase();
    const first = await ensureFirstStart(database, undefined);
    expect(first.generatedPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const hash = await database.db
      .selectFrom('users')
      .select('password_hash')
      .executeTakeFirstOrThrow();
    expect(await verifyPassword(hash.password_hash, first.generatedPassword ?? '')).toBe(true);
    expect(await ensureFirstStart(database, undefined)).toEqual({ created: false });
  });

  it('app servers starting together create one admin, not several', async () => {
    database = await createTestDatabase();
    const handle = database;
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => ensureFirstStart(handle, 'same-password-x')),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await count(handle.db, 'users')).toBe(1);
  });
});
