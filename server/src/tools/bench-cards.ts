import { readFileSync } from 'node:fs';
import { partnerCardNumber } from '@profreestr/contracts';
import autocannon from 'autocannon';
import type { DatabaseHandle } from '../db/database.js';
import type { StaffCtx } from '../lib/context.js';
import { subtreeUpperBound } from '../lib/tree-path.js';
import { startServer } from './bench-http.js';
import { type Measured, measure } from './bench-kit.js';

// `npm run bench -- --only cards`: the e-card and PROFCARDS at the loaded dataset's size, over
// HTTP against the server as it runs in production (a process of its own on PostgreSQL):
// a union-wide batch of plastic cards ordered (the job) and its producer's file streamed (the
// server's peak memory before and after), partners' card checks and purchases under load
// (autocannon), and the root's monthly statistics over a year of purchases at the deck's
// volume × 10, beside the hand-written SQL.

type Row = Record<string, unknown>;
const mb = (kb: number) => Math.round(kb / 1024);

/** Peak and current resident memory of a process, in kB (Linux). */
function memoryOf(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peak: field('VmHWM'), now: field('VmRSS') };
}

/** The deck: 303,559 of ~3.7 M members in the programme (8.2 %), 16,850 purchases a year. */
const PROGRAMME_SHARE = 12; // every 12th member
/** A partner's tills calling at once (20 more than doubles p99 on 2 cores: BENCHMARKS.md). */
const CONNECTIONS = 8;
const YEAR_PURCHASES_PER_MEMBER = (16_850 * 10) / 303_559;

/** The programme's members (once): every 12th active member, joined two years ago, each with
 * a virtual card, as a cabinet sign-in would give them. */
export async function enrolProgramme(query: DatabaseHandle['query']) {
  const [{ n: inProgramme = 0 } = {}] = (await query(
    'select count(*)::int as n from members where bonus_programme',
  )) as { n?: number }[];
  if (!inProgramme) {
    await query(
      `update members set bonus_programme = true, bonus_since = now() - interval '2 years'
       where status = 'active' and id % ${PROGRAMME_SHARE} = 0`,
    );
  }
  await query(
    `insert into cards (member_id, org_path, kind, status, ordered_on)
     select id, org_path, 'virtual', 'active', current_date from members
     where bonus_programme and status = 'active' on conflict do nothing`,
  );
}

/** Up to 2,000 valid card numbers of the programme's members, in a scattered order. */
export async function programmeNumbers(query: DatabaseHandle['query']) {
  const rows = (await query(
    `select card_number from members where bonus_programme and status = 'active'
     order by md5(id::text) limit 2000`,
  )) as Row[];
  return (
    rows
      .map((r) => String(r.card_number))
      // The members bench's raw-SQL baseline leaves members with made-up numbers (no Luhn).
      .filter((n) => partnerCardNumber.safeParse(n).success)
  );
}

/** A partner's card check by hand: the member and their cards, one statement. */
export const CARD_CHECK_SQL = `select m.status = 'active' and m.bonus_programme and (
    exists (select 1 from cards c where c.member_id = m.id and c.status <> 'blocked')
    or not exists (select 1 from cards c where c.member_id = m.id)) as valid
  from members m where m.card_number = $1`;

export async function benchCards(env: {
  database: DatabaseHandle;
  ctx: StaffCtx;
  seconds: number;
}): Promise<{ rows: Measured[]; lines: string[] }> {
  const { query } = env.database;
  const rows: Measured[] = [];
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  const password = process.env.BENCH_ADMIN_PASSWORD ?? process.env.ADMIN_PASSWORD;
  if (!password) {
    say('Карты: задайте ADMIN_PASSWORD (пароль admin), чтобы измерить по HTTP');
    return { rows, lines };
  }
  const root = env.ctx.actor;
  const rootUpper = subtreeUpperBound(root.orgPath);

  await enrolProgramme(query);
  const members = Number(
    ((await query(`select count(*)::int as n from members where status = 'active'`)) as Row[])[0]
      ?.n,
  );

  const server = await startServer(env.database, {
    PARTNER_REQUESTS_PER_SECOND: String(1_000_000),
  });
  const base = server.base;
  try {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password }),
    });
    if (!login.ok) {
      say(`Карты: вход admin не удался (${login.status})`);
      return { rows, lines };
    }
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : null,
      });
      if (!response.ok)
        throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return response.json() as Promise<Row>;
    };

    // 1. A union-wide batch: every active member without a live plastic card (all of them on
    // a fresh seed), ordered by the job in chunks; timed from the request to 'ordered'.
    const started = performance.now();
    const batch = await api('POST', '/card-batches', { under: root.orgId });
    let state: Row = batch;
    while (state.status === undefined || state.status === 'filling') {
      await new Promise((r) => setTimeout(r, 500));
      state = await api('GET', `/card-batches/${batch.id}`);
    }
    const orderSeconds = (performance.now() - started) / 1000;
    say(
      `Заказ карт по всему Профсоюзу: ${Number(state.count).toLocaleString('ru-RU')} карт за ${orderSeconds.toFixed(1)} с (из ${members.toLocaleString('ru-RU')} членов на учёте)`,
    );

    // 2. The producer's file, streamed: bytes, time and the server's memory before and after.
    const before = server.pid ? memoryOf(server.pid) : null;
    const fileStart = performance.now();
    const file = await fetch(`${base}/api/v1/card-batches/${batch.id}/file`, {
      headers: { cookie },
    });
    let bytes = 0;
    for await (const chunk of file.body as unknown as AsyncIterable<Uint8Array>)
      bytes += chunk.length;
    const fileSeconds = (performance.now() - fileStart) / 1000;
    const after = server.pid ? memoryOf(server.pid) : null;
    say(
      `Файл производителю: ${file.status}, ${(bytes / 1024 / 1024).toFixed(1)} МБ за ${fileSeconds.toFixed(1)} с` +
        (before && after
          ? `; память сервера: пик ${mb(before.peak)} → ${mb(after.peak)} МБ, сейчас ${mb(after.now)} МБ`
          : ''),
    );
    // The bench leaves the register as it found it: the batch's cards go (a rerun orders again).
    await query('delete from cards where batch_id = $1', [batch.id]);
    await query('delete from card_batches where id = $1', [batch.id]);
    await query('vacuum analyze cards');

    // 3. A partner and its key.
    const partner = await api('POST', '/partners', {
      name: `Замер ${new Date().toISOString()}`,
      cashbackPercent: 3.5,
    });
    const bearer = `Bearer ${partner.apiKey}`;
    const partnerId = String((partner.partner as Row).id);
    const numbers = await programmeNumbers(query);

    // Card checks: one at a time beside the raw SQL, then under load.
    rows.push(
      await measure(
        'partner card check, HTTP (key, card, audit)',
        300,
        async (i) => {
          const r = await fetch(`${base}/api/v1/partner/cards/${numbers[i % numbers.length]}`, {
            headers: { authorization: bearer },
          });
          await r.arrayBuffer();
        },
        (i) => query(CARD_CHECK_SQL, [numbers[i % numbers.length]]),
      ),
    );
    let next = 0;
    const checks = await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: env.seconds,
      headers: { authorization: bearer },
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => ({
            ...request,
            path: `/api/v1/partner/cards/${numbers[next++ % numbers.length]}`,
          }),
        },
      ],
    });
    say(
      `Проверка карты партнёром, autocannon ${CONNECTIONS} соединений ${env.seconds} с: ` +
        `${Math.round(checks.requests.average)} запр/с, p50 ${checks.latency.p50} мс, ` +
        `p99 ${checks.latency.p99} мс, не 2xx: ${checks.non2xx}, ошибок: ${checks.errors}` +
        ` (коды: ${JSON.stringify(checks.statusCodeStats)})`,
    );

    // 4. Purchases, each a new externalId, sustained.
    const runId = Date.now().toString(36);
    let sent = 0;
    const purchases = await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: env.seconds,
      headers: { authorization: bearer, 'content-type': 'application/json' },
      requests: [
        {
          method: 'POST',
          path: '/api/v1/partner/purchases',
          setupRequest: (request) => {
            const i = sent++;
            return {
              ...request,
              body: JSON.stringify({
                cardNumber: numbers[i % numbers.length],
                amount: 10_000 + (i % 500_000),
                purchasedAt: new Date(Date.now() - 60_000).toISOString(),
                externalId: `bench-${runId}-${i}`,
              }),
            };
          },
        },
      ],
    });
    say(
      `Покупки партнёра, autocannon ${CONNECTIONS} соединений ${env.seconds} с: ` +
        `${Math.round(purchases.requests.average)} покупок/с, p50 ${purchases.latency.p50} мс, ` +
        `p99 ${purchases.latency.p99} мс, не 2xx: ${purchases.non2xx}, ошибок: ${purchases.errors}` +
        ` (коды: ${JSON.stringify(purchases.statusCodeStats)})`,
    );

    // A refused check or purchase under load is a fault, not a figure: the run fails (CI).
    if (checks.non2xx + checks.errors + purchases.non2xx + purchases.errors > 0) {
      say('Карты: под нагрузкой были ответы не 2xx или ошибки — замер недействителен');
      process.exitCode = 1;
    }

    // The load's purchases go (they all fall in this month); the year below is the dataset.
    await query('delete from purchases where partner_id = $1', [partnerId]);

    // 5. A year of purchases at the deck's volume × 10 (once), then the root's statistics.
    const year = Math.round((members / PROGRAMME_SHARE) * YEAR_PURCHASES_PER_MEMBER);
    const [{ n: had = 0 } = {}] = (await query(
      `select count(*)::int as n from purchases where external_id like 'year-%'`,
    )) as { n?: number }[];
    if (had < year) {
      // Purchases spread over the programme's members and the last 365 days (a hash join on
      // the members' row numbers).
      await query(
        `with p as (select id, org_path, (row_number() over (order by id))::int - 1 as rn
                    from members where bonus_programme and status = 'active'),
              n as (select count(*)::int as n from p),
              g as (select g, 5000 + (g * 7919) % 900000 as amount,
                           now() - (g % 365) * interval '1 day' - (g % 1440) * interval '1 minute' as at
                    from generate_series($3::int, $2::int) g)
         insert into purchases (partner_id, external_id, member_id, org_path, amount, rate_bp,
           cashback, purchased_at, status, confirmed_at)
         select $1, 'year-' || g.g, p.id, p.org_path, g.amount, 350, (g.amount * 350 + 5000) / 10000,
                g.at, case when g.at < now() - interval '14 days' then 'confirmed' else 'pending' end,
                case when g.at < now() - interval '14 days' then g.at + interval '14 days' end
         from g cross join n join p on p.rn = (g.g * 31) % n.n`,
        [partnerId, year, had + 1],
      );
    }
    // As autovacuum would after such changes: the planner's counts and the visibility map
    // (the statistics read an index only).
    await query('vacuum analyze purchases');
    const now = new Date();
    const month = (d: Date) => d.toISOString().slice(0, 7);
    const from = month(new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth() + 1, 1)));
    const to = month(now);
    rows.push(
      await measure(
        `bonus stats of the root, 12 months (${year.toLocaleString('ru-RU')}+ purchases), HTTP`,
        100,
        async () => {
          const r = await fetch(`${base}/api/v1/bonus/stats?from=${from}&to=${to}`, {
            headers: { cookie },
          });
          await r.arrayBuffer();
        },
        () =>
          query(
            `select month, count(*), sum(amount), sum(cashback), count(distinct member_id)
             from purchases where org_path >= $1 and org_path < $2 and status <> 'cancelled'
               and reversed_at is null and month between $3::date and $4::date
             group by month order by month`,
            [root.orgPath, rootUpper, `${from}-01`, `${to}-01`],
          ),
      ),
    );
  } finally {
    await server.stop();
  }
  return { rows, lines };
}
