import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { readsOnly } from './replicas.js';
import type { Database } from './schema.js';

// Which statements a replica may answer: plain reads alone.

const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

describe('statements a replica may answer', () => {
  it('a plain select and a raw select go to a replica', () => {
    expect(readsOnly(db.selectFrom('members').select('id').where('id', '=', '1').compile())).toBe(
      true,
    );
    expect(readsOnly(sql`select count(*) from members`.compile(db))).toBe(true);
  });

  it('writes, locks, CTEs and raw statements that write stay on the primary', () => {
    expect(
      readsOnly(
        db
          .insertInto('rate_limits')
          .values({ key: 'k', window_start: new Date(), hits: 1 })
          .compile(),
      ),
    ).toBe(false);
    expect(readsOnly(db.updateTable('members').set({ email: null }).compile())).toBe(false);
    expect(readsOnly(db.deleteFrom('members').compile())).toBe(false);
    expect(readsOnly(db.selectFrom('members').select('id').forUpdate().compile())).toBe(false);
    expect(
      readsOnly(
        db
          .with('x', (q) => q.selectFrom('members').select('id'))
          .selectFrom('x')
          .select('id')
          .compile(),
      ),
    ).toBe(false);
    expect(readsOnly(sql`select nextval('members_card_seq')`.compile(db))).toBe(false);
    expect(readsOnly(sql`select 1 from members for update`.compile(db))).toBe(false);
    expect(
      readsOnly(sql`with d as (delete from members returning id) select * from d`.compile(db)),
    ).toBe(false);
    expect(readsOnly(sql`vacuum members`.compile(db))).toBe(false);
  });
});
