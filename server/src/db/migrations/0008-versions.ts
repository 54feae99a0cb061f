import { type Kysely, sql } from 'kysely';

// A version per member card and per org passport, for optimistic concurrency: reads answer it
// as an ETag, a PATCH with `If-Match` of an older version is refused (412) instead of silently
// overwriting a change made meanwhile. A trigger bumps it on every update that changes the
// row, so no code path can forget it (org moves and imports included).
//
// And card numbers drawn inside the INSERT that puts a member on record: the same rule as
// card-number.ts (issuer 2, 14-digit serial, Luhn digit; a test holds them equal), one
// statement instead of three on the busiest write.
const statements = [
  `create function card_number(serial bigint) returns text language plpgsql immutable strict as $$
   declare
     body text;
     total int := 0;
     d int;
   begin
     if serial < 0 or serial >= 100000000000000 then
       raise exception 'card serial % out of range', serial;
     end if;
     body := '2' || lpad(serial::text, 14, '0');
     for i in 0..14 loop
       d := substr(body, 15 - i, 1)::int;
       if i % 2 = 0 then
         d := d * 2;
         if d > 9 then d := d - 9; end if;
       end if;
       total := total + d;
     end loop;
     return body || ((10 - total % 10) % 10)::text;
   end $$`,
  `alter table members add column version integer not null default 1`,
  `alter table orgs add column version integer not null default 1`,
  `create function bump_version() returns trigger language plpgsql as $$
   begin
     if row(new.*) is distinct from row(old.*) then
       new.version := old.version + 1;
     end if;
     return new;
   end $$`,
  `create trigger members_bump_version before update on members
     for each row execute function bump_version()`,
  `create trigger orgs_bump_version before update on orgs
     for each row execute function bump_version()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible');
}
