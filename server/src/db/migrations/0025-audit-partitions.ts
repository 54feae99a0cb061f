import { type Kysely, sql } from 'kysely';

// The audit log partitioned by month of `at`, so a month past AUDIT_RETENTION_MONTHS leaves as
// one partition (exported to a file first, by the workers' step), never by DELETE: rows stay
// append-only (the triggers are cloned to every partition). The existing log is copied once,
// ids kept. Months get their partition ahead of time (`audit_log_ensure_month`, at start and
// daily); a row of a month without one lands in `audit_log_default`, which the step reports.
const COLUMNS = `id, at, actor_user_id, actor_login, ip, action, target_type, target_id, org_path,
  result, details, actor_kind, actor_id`;

const statements = [
  'alter table audit_log rename to audit_log_unpartitioned',
  'alter index audit_log_pkey rename to audit_log_unpartitioned_pkey',
  'drop index audit_log_target_idx',
  'drop index audit_log_org_path_idx',
  'drop index audit_log_actor_idx',
  'drop index audit_log_at_idx',
  `create table audit_log (
    id bigint generated always as identity,
    at timestamptz not null default now(),
    actor_user_id bigint,
    actor_login text,
    ip text,
    action text not null,
    target_type text,
    target_id text,
    org_path text collate "C",
    result text not null check (result in ('ok', 'denied', 'failed')),
    details jsonb,
    actor_kind text,
    actor_id text,
    primary key (id, at)
  ) partition by range (at)`,
  'create table audit_log_default partition of audit_log default',
  // A month's partition, named audit_log_mYYYY_MM; nothing when it exists.
  `create function audit_log_ensure_month(month date) returns void language plpgsql as $$
  declare
    first date := date_trunc('month', month)::date;
    name text := 'audit_log_m' || to_char(first, 'YYYY_MM');
  begin
    if to_regclass(name) is null then
      execute format(
        'create table %I partition of audit_log for values from (%L) to (%L)',
        name, first::timestamptz, (first + interval '1 month')::timestamptz);
    end if;
  end $$`,
  // Every month of the log so far, and this one and the next three.
  `select audit_log_ensure_month(m::date) from generate_series(
    date_trunc('month', least(now(), coalesce((select min(at) from audit_log_unpartitioned), now()))),
    date_trunc('month', now()) + interval '3 months', interval '1 month') as m`,
  `insert into audit_log (${COLUMNS}) overriding system value
    select ${COLUMNS} from audit_log_unpartitioned`,
  `select setval(pg_get_serial_sequence('audit_log', 'id'),
    coalesce((select max(id) from audit_log), 0) + 1, false)`,
  'drop table audit_log_unpartitioned',
  'create index audit_log_target_idx on audit_log (target_type, target_id, at desc)',
  'create index audit_log_org_path_idx on audit_log (org_path, at desc)',
  'create index audit_log_actor_idx on audit_log (actor_user_id, at desc)',
  'create index audit_log_at_idx on audit_log (at desc, id desc)',
  `create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_refuse_change()`,
  `create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_refuse_change()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible');
}
