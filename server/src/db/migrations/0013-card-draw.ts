import { type Kysely, sql } from 'kysely';

// A drawn card number passes over numbers a card already holds (brought from before, imported
// as they were) as well as those merged cards held: a form and a file both draw in the insert
// itself, and neither meets a clash it would have to retry.
const statements = [
  `create or replace function draw_card_number() returns text language plpgsql volatile as $$
  declare
    candidate text;
  begin
    loop
      candidate := card_number(nextval('card_number_seq'));
      exit when not exists (select 1 from member_merges where card_number = candidate)
        and not exists (select 1 from members where card_number = candidate);
    end loop;
    return candidate;
  end $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible');
}
