import type { DatabaseHandle } from '../db/database.js';
import { cabinetMe } from '../features/cabinet/cabinet.service.js';
import { requestCabinetCode, sendCabinetCode } from '../features/cabinet/cabinet-auth.service.js';
import { searchPublicOrgs } from '../features/join/join.service.js';
import type { MemberActor } from '../lib/actor.js';
import type { MemberCtx, StaffCtx } from '../lib/context.js';
import { type Measured, measure } from './bench-kit.js';

type Row = Record<string, unknown>;

/**
 * The cabinet and online join at the union's size: asking for a sign-in code (the request and
 * the job that queues the letter), the member's own card, the public search of primaries.
 * Without members holding an e-mail, the search alone.
 */
export async function benchCabinet(env: {
  database: DatabaseHandle;
  ctx: StaffCtx;
}): Promise<Measured[]> {
  const { query } = env.database;
  const { db } = env.ctx;
  const rows: Measured[] = [];
  // A run before this one within the hour used up the request limits: the bench starts afresh.
  await query(`delete from rate_limits where key like 'cabinet-code-%' or key like 'join-%'`);
  // The public search of primaries, as an applicant types: two words of a school's name.
  const samples = (await query(
    `select name, edu_org ->> 'name' as edu from orgs
     where level = 'primary' and status = 'active' order by md5(id::text) limit 200`,
  )) as Row[];
  const typed = samples.map((r, i) => {
    const words = String(i % 2 === 0 || !r.edu ? r.name : r.edu)
      .replace(/[«»"№]/g, ' ')
      .split(/\s+/)
      .filter((w) => w.length > 1);
    return words.slice(-2).join(' ');
  });
  // The same conditions by hand: a number as a whole number, a word as a substring.
  const rawSearch = (text: string) => {
    const [a = '', b = ''] = text.toLowerCase().split(' ');
    const second = /^\d+$/.test(b)
      ? 'search_numbers @> array[$2]'
      : `search_key like '%' || $2 || '%'`;
    return query(
      `select id, name, path, edu_org ->> 'name' from orgs
       where level = 'primary' and status = 'active' and search_key like $1 and ${second}
       order by id limit 21`,
      [`%${a}%`, b],
    );
  };
  rows.push(
    await measure(
      `public search of primaries (${samples.length} queries)`,
      200,
      (i) =>
        searchPublicOrgs(
          { db, ip: `10.1.${i % 250}.${i % 200}` },
          { q: typed[i % typed.length], limit: 20 },
        ),
      (i) => rawSearch(typed[i % typed.length] ?? ''),
    ),
  );
  const members = (await query(
    `select id, org_id, email from members where status = 'active' and email is not null
     order by md5(id::text) limit 500`,
  )) as Row[];
  if (members.length === 0) return rows;
  const emails = members.map((m) => String(m.email));
  // The request: the same work for a member's address and a stranger's (every other one).
  const asked = (i: number) =>
    i % 2 === 0 ? (emails[i % emails.length] as string) : `stranger${i}@example.org`;
  rows.push(
    await measure(
      'cabinet code request (202; half members, half strangers)',
      500,
      (i) =>
        requestCabinetCode({ ...env.ctx, ip: `10.0.${i % 250}.${i % 200}` }, asked(i), new Date()),
      // Raw: the two counts of the request (address, IP); pg-boss's own insert is not in it.
      async (i) => {
        for (const key of [`raw-ip:${i % 250}`, `raw:${asked(i)}`]) {
          await query(
            `insert into rate_limits (key, window_start, hits) values ($1, now(), 1)
             on conflict (key) do update set hits = rate_limits.hits + 1`,
            [key],
          );
        }
      },
    ),
  );
  // The job behind it: find the member, store the code, queue the letter (one transaction).
  rows.push(
    await measure(
      'cabinet code job: code stored, letter queued',
      500,
      (i) => sendCabinetCode(db, emails[i % emails.length] as string),
      async (i) => {
        const email = emails[i % emails.length] as string;
        await query(
          `select id, org_path from members where email = $1 and status = 'active'
           order by registered_on desc, id desc limit 1`,
          [email],
        );
        await query(
          `insert into cabinet_codes (email, member_id, code_hash, expires_at) values ($1, $2, 'x', now())
           on conflict (email) do update set code_hash = excluded.code_hash`,
          [email, members[i % members.length]?.id],
        );
        await query(
          `insert into mail_messages (kind, to_address, subject, text_body, message_id)
           values ('login_code', $1, 'bench', 'bench', md5(random()::text))`,
          [email],
        );
      },
    ),
  );
  const memberCtx = (i: number): MemberCtx => {
    const m = members[i % members.length] as Row;
    const actor: MemberActor = {
      kind: 'member',
      memberId: String(m.id),
      orgId: String(m.org_id),
      sessionId: 'bench',
    };
    return { db, actor, ip: '127.0.0.1', jobs: env.ctx.jobs };
  };
  rows.push(
    await measure(
      'GET /cabinet/me (own card, org, chairman, audit)',
      500,
      (i) => cabinetMe(memberCtx(i)),
      async (i) => {
        const m = members[i % members.length] as Row;
        await query('select * from members where id = $1', [m.id]);
        await query('select id, name, chairman from orgs where id = $1', [m.org_id]);
        await query(
          `insert into audit_log (actor_kind, actor_id, action, target_type, target_id, result)
           values ('member', $1, 'bench.read', 'member', $1, 'ok')`,
          [m.id],
        );
      },
    ),
  );
  return rows;
}
