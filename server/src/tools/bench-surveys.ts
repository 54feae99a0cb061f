import { ANSWERED_KEY, type SurveyCreate } from '@profreestr/contracts';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/database.js';
import { respondAsMember } from '../features/surveys/survey-responses.service.js';
import { surveyResults } from '../features/surveys/survey-results.service.js';
import {
  createSurvey,
  publishInvitees,
  publishSurvey,
} from '../features/surveys/surveys.service.js';
import type { MemberCtx, StaffCtx } from '../lib/context.js';
import { pathIds, subtreeUpperBound } from '../lib/tree-path.js';
import { type Measured, measure } from './bench-kit.js';

// `npm run bench -- --only surveys`: a survey to every member of the union on the loaded
// dataset, published (the invited list written once, invitations queued: the job, timed) beside
// one hand-written INSERT … SELECT; then up to 500 K responses (made by SQL, in the shape the
// service writes them, counts included) and the root's results read two ways: the maintained
// counts (the service) and one aggregate query over the responses, beside the raw read of the
// counts. The survey, its rows and letters are removed at the end (a rerun starts alike).

type Row = Record<string, unknown>;
const RESPONSES = 500_000;

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await run();
  return [value, performance.now() - start];
}

const questions: SurveyCreate['questions'] = [
  { code: 'load', text: 'Нагрузка', type: 'single', options: ['Норма', 'Выше нормы', 'Ниже'] },
  {
    code: 'issues',
    text: 'Что мешает',
    type: 'multiple',
    options: ['Отчёты', 'Зарплата', 'Оборудование', 'Коллектив'],
    required: false,
  },
  { code: 'mood', text: 'Удовлетворённость', type: 'scale', min: 1, max: 5 },
  { code: 'comment', text: 'Предложения', type: 'text', required: false },
];

/**
 * One aggregate over the responses of a subtree: each (question, answer) counted, as the
 * maintained counts hold them ('' : answered the question; a text question only that). The
 * pairs are read once; `$4` adds the org path to the keys (for rolling the counts up).
 */
const aggregateSql = (byOrg = false) => `
  with pairs as materialized (
    select ${byOrg ? 'r.org_path' : "''"} as org_path, q.key, q.value
      from survey_responses r cross join lateral jsonb_each(r.answers) q
     where r.survey_id = $1 and r.org_path >= $2 and r.org_path < $3
  )
  select org_path, key as question, '' as answer, count(*)::int as n
    from pairs group by 1, 2
  union all
  select org_path, key, item, count(*)::int
    from pairs cross join lateral jsonb_array_elements_text(value) as v(item)
   where jsonb_typeof(value) = 'array' group by 1, 2, 3
  union all
  select org_path, key, value #>> '{}', count(*)::int
    from pairs where jsonb_typeof(value) in ('string', 'number') and key <> 'comment'
   group by 1, 2, 3`;

export async function benchSurveys(env: {
  database: DatabaseHandle;
  ctx: StaffCtx;
}): Promise<Measured[]> {
  const { ctx } = env;
  const { query } = env.database;
  const title = `Замер опроса ${new Date().toISOString()}`;

  // 1. Publishing to the whole union: the request, then the job, timed to the end.
  const survey = await createSurvey(ctx, {
    title,
    kind: 'survey',
    anonymous: true,
    audience: { kind: 'members', under: ctx.actor.orgId },
    questions,
    opensAt: new Date(Date.now() - 3_600_000).toISOString(),
    closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });
  try {
    return await measureOn(env, survey.id, title);
  } finally {
    // The bench leaves the dataset as it found it, whatever happened.
    for (const table of [
      'survey_responses',
      'survey_held_answers',
      'survey_tallies',
      'survey_org_stats',
      'survey_invitees',
    ]) {
      await query(`delete from ${table} where survey_id = $1`, [survey.id]);
    }
    await query(`delete from mail_messages where kind = 'survey_invitation' and subject like $1`, [
      `%${title}%`,
    ]);
    await query('delete from surveys where id = $1', [survey.id]);
  }
}

/** Publishing, then the responses and the root's results, on the survey just made. */
async function measureOn(
  env: { database: DatabaseHandle; ctx: StaffCtx },
  surveyId: string,
  title: string,
): Promise<Measured[]> {
  const { database, ctx } = env;
  const { query, db } = database;
  const rows: Measured[] = [];
  const root = ctx.actor.orgPath;
  const upper = subtreeUpperBound(root);
  const survey = { id: surveyId };
  const [, publishMs] = await timed(async () => {
    await publishSurvey(ctx, survey.id);
    await publishInvitees(db, survey.id);
  });
  const [invited] = (await query('select invited from surveys where id = $1', [
    survey.id,
  ])) as Row[];
  const [letters] = (await query(
    `select count(*)::int as n from mail_messages where kind = 'survey_invitation' and subject like $1`,
    [`%${title}%`],
  )) as Row[];
  console.log(
    `Публикация опроса всему Профсоюзу: ${Number(invited?.invited).toLocaleString('ru-RU')} приглашённых, ` +
      `${Number(letters?.n).toLocaleString('ru-RU')} писем в очереди за ${(publishMs / 1000).toFixed(1)} с (цель ≤ 60 с)`,
  );
  // The hand-written equivalent: every invitee in one INSERT … SELECT, rolled back.
  class Rollback extends Error {}
  const [, rawMs] = await timed(() =>
    db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into survey_invitees (survey_id, person_id, org_id)
          select -1, id, org_id from members
           where org_path >= ${root} and org_path < ${upper} and status = 'active'`.execute(trx);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      }),
  );
  console.log(
    `  сырой SQL: те же приглашённые одним INSERT … SELECT: ${(rawMs / 1000).toFixed(1)} с`,
  );

  // 2. Responses as the service writes them, made by SQL: invitees in a hashed order up to 500 K,
  // marked as answered, with the counts of every org from the root down.
  const depth = pathIds(root).length;
  // As autovacuum would after a million rows: else the planner takes the list for empty.
  await query('vacuum analyze survey_invitees');
  const [, fillMs] = await timed(async () => {
    await query(
      `with chosen as (
         select person_id, org_id from survey_invitees
          where survey_id = $1 order by md5(person_id::text) limit $2
       ), marked as (
         update survey_invitees i set answered = true from chosen c
          where i.survey_id = $1 and i.person_id = c.person_id returning 1
       )
       insert into survey_responses (survey_id, org_path, answers)
       select $1, o.path, jsonb_build_object(
                'load', (array['Норма', 'Выше нормы', 'Ниже'])[1 + c.person_id % 3],
                'issues', case when c.person_id % 4 = 0 then '["Отчёты", "Зарплата"]'::jsonb
                               else '["Отчёты"]'::jsonb end,
                'mood', 1 + c.person_id % 5,
                'comment', 'Предложение ' || (c.person_id % 1000))
         from chosen c join orgs o on o.id = c.org_id`,
      // 500 K, or 60 % of a smaller union (some left to answer through the service below).
      [survey.id, Math.min(RESPONSES, Math.floor(Number(invited?.invited) * 0.6))],
    );
    await query(
      `insert into survey_tallies (survey_id, org_id, question, answer, n)
       select $1, a.id::bigint, t.question, t.answer, sum(t.n)
         from (${aggregateSql(true)}) t
        cross join lateral unnest(string_to_array(rtrim(t.org_path, '.'), '.'))
          with ordinality as a(id, depth)
        where a.depth >= $4
        group by 2, 3, 4`,
      [survey.id, root, upper, depth],
    );
    await query(
      `update survey_org_stats s set respondents = c.n
         from (select a.id::bigint as org_id, count(*)::int as n from survey_responses r
                cross join lateral unnest(string_to_array(rtrim(r.org_path, '.'), '.'))
                  with ordinality as a(id, depth)
                where r.survey_id = $1 and a.depth >= $2 group by 1) c
        where s.survey_id = $1 and s.org_id = c.org_id`,
      [survey.id, depth],
    );
    // As autovacuum would after such changes: the planner's counts.
    await query('vacuum analyze survey_responses');
    await query('vacuum analyze survey_tallies');
  });
  const [made] = (await query(
    'select count(*)::int as n from survey_responses where survey_id = $1',
    [survey.id],
  )) as Row[];
  const responses = Number(made?.n);
  console.log(
    `Ответы: ${responses.toLocaleString('ru-RU')} (SQL, со счётчиками) за ${(fillMs / 1000).toFixed(1)} с`,
  );

  // 3. The root's results: maintained counts vs one aggregate query, the same figures.
  const viaCounts = await surveyResults(ctx, survey.id, undefined);
  const aggregated = (await query(aggregateSql(), [survey.id, root, upper])) as {
    question: string;
    answer: string;
    n: number;
  }[];
  const loadCount = (answer: string) =>
    aggregated.find((r) => r.question === 'load' && r.answer === answer)?.n ?? 0;
  const same =
    viaCounts.respondents === responses &&
    viaCounts.questions[0]?.counts?.Норма === loadCount('Норма') &&
    viaCounts.questions[2]?.answered ===
      (aggregated.find((r) => r.question === 'mood' && r.answer === ANSWERED_KEY)?.n ?? 0);
  console.log(`Итоги совпадают (счётчики и агрегат по ответам): ${same ? 'да' : 'НЕТ'}`);
  // Figures that disagree are a defect, not a number to print beside the others.
  if (!same) throw new Error('maintained counts and the aggregate over responses differ');
  const rootOrg = pathIds(root).at(-1) as string;
  // An answer through the service as a member sends it: the mark, the response, the counts of
  // every org up to the root, the audit entry (the price the maintained counts pay).
  const waiting = (await query(
    `select i.person_id::text as id, m.org_id::text as org from survey_invitees i
       join members m on m.id = i.person_id
      where i.survey_id = $1 and not i.answered limit 250`,
    [survey.id],
  )) as { id: string; org: string }[];
  let answered = 0;
  rows.push(
    // Each call a person of their own (the warm-up's too: a second answer is refused).
    await measure('an answer through the service (mark, held answer, counts, audit)', 200, () => {
      const who = waiting[answered++ % waiting.length] as { id: string; org: string };
      const member: MemberCtx = {
        db,
        actor: { kind: 'member', memberId: who.id, orgId: who.org, sessionId: 'bench' },
        ip: null,
        jobs: ctx.jobs,
      };
      return respondAsMember(member, survey.id, { load: 'Норма', issues: ['Отчёты'], mood: 3 });
    }),
  );
  rows.push(
    await measure(
      `survey results of the root, maintained counts (${responses.toLocaleString('ru-RU')} responses)`,
      50,
      () => surveyResults(ctx, survey.id, undefined),
      () =>
        query(
          'select question, answer, n from survey_tallies where survey_id = $1 and org_id = $2',
          [survey.id, rootOrg],
        ),
    ),
  );
  rows.push(
    await measure(
      `survey results of the root, one aggregate query over the responses`,
      responses > 100_000 ? 5 : 20,
      () => query(aggregateSql(), [survey.id, root, upper]),
    ),
  );

  return rows;
}
