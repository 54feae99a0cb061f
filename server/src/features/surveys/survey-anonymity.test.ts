import { randomUUID } from 'node:crypto';
import type { Member } from '@profreestr/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putOnRecord } from '../../../test/member-fixture.js';
import {
  answerAsMember,
  createSurvey,
  memberCookie,
  publish,
  surveyBody,
} from '../../../test/survey-fixture.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

// Anonymity that holds: after members answer an anonymous survey, every row of every table
// of the database (the audit log and the job queue included) is read as text, and nothing
// that holds an answer says whose it is: no member id, e-mail, name, card number, session,
// address, browser, nor a time finer than a day; the audit log says who answered, not what.
// The same scan of a named survey does find the person (it can fail).

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;

interface Respondent {
  member: Member;
  cookie: string;
  secret: string;
}

/** Every base table of the database with its columns and its rows as JSON text. */
async function everyRow() {
  const tables = (await t.database.query(
    `select c.table_schema as schema, c.table_name as name,
            array_agg(c.column_name::text order by c.ordinal_position) as columns
       from information_schema.columns c
       join information_schema.tables tb
         on tb.table_schema = c.table_schema and tb.table_name = c.table_name
      where tb.table_type = 'BASE TABLE'
        and c.table_schema not in ('pg_catalog', 'information_schema')
      group by 1, 2`,
  )) as { schema: string; name: string; columns: string[] }[];
  const rows: { table: string; text: string; row: Record<string, unknown> }[] = [];
  for (const table of tables) {
    const found = (await t.database.query(
      `select row_to_json(x) as row from "${table.schema}"."${table.name}" x`,
    )) as { row: Record<string, unknown> }[];
    for (const { row } of found) {
      rows.push({ table: `${table.schema}.${table.name}`, text: JSON.stringify(row), row });
    }
  }
  return { tables, rows };
}

/**
 * What could name a respondent in a row's text: e-mail, name, card number, session, address,
 * browser (a member's id, a bare number, is checked by the columns that could hold it).
 */
async function identifiersOf(respondents: readonly Respondent[]) {
  const sessions = (await t.database.query(
    'select id from member_sessions where member_id = any($1::bigint[])',
    [respondents.map((r) => r.member.id)],
  )) as { id: string }[];
  return [
    ...respondents.flatMap((r) => [
      r.member.email as string,
      r.member.lastName,
      r.member.cardNumber,
    ]),
    ...sessions.map((s) => s.id),
    '203.0.113.7',
    'Тестовый телефон',
  ];
}

/**
 * For each transaction that wrote an answer to the survey into responses: how many people's
 * "answered" audit entries and how many responses and counts it wrote (xmin: the writing
 * transaction's id, which every row keeps).
 */
async function sameTransaction(surveyId: string) {
  return (await t.database.query(
    `select (select count(*) from audit_log a where a.action = 'survey.respond'
               and a.target_id = $1::text and a.xmin::text = r.x)::int as respondents,
            count(*)::int as responses,
            (select count(*) from survey_tallies s where s.survey_id = $1::bigint
               and s.xmin::text = r.x)::int as tallies
       from (select xmin::text as x from survey_responses where survey_id = $1::bigint) r
      group by r.x order by r.x`,
    [surveyId],
  )) as { respondents: number; responses: number; tallies: number }[];
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
});
afterAll(() => t.close());

async function respondents(count: number, prefix: string): Promise<Respondent[]> {
  const made: Respondent[] = [];
  for (let i = 0; i < count; i++) {
    const member = await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA1.id,
      lastName: `${prefix}${'а'.repeat(i)}`,
      firstName: 'Тайна',
      email: `${prefix.toLowerCase()}${i}@anon.example.org`,
      notify: { email: true },
    });
    made.push({
      member,
      cookie: await memberCookie(t, member.id),
      secret: `тайна-${randomUUID()}`,
    });
  }
  return made;
}

async function answerAll(anonymous: boolean, people: readonly Respondent[]) {
  const survey = await createSurvey(
    t,
    tree.admin,
    surveyBody(tree.orgs.primaryA1.id, { anonymous, title: anonymous ? 'Анонимный' : 'Именной' }),
  );
  await publish(t, tree.admin, survey.id);
  for (const [i, who] of people.entries()) {
    const response = await answerAsMember(t, who.cookie, survey.id, {
      load: 'Норма',
      mood: (i % 5) + 1,
      comment: who.secret,
    });
    expect(response.statusCode, response.body).toBe(201);
  }
  return survey.id;
}

describe('an anonymous survey’s answers', () => {
  it('no row anywhere ties an answer to the member who gave it', async () => {
    const people = await respondents(6, 'Анонимова');
    const surveyId = await answerAll(true, people);
    const { tables, rows } = await everyRow();
    const identifiers = await identifiersOf(people);

    // Each answer is in exactly one row, of survey_responses (the first 5, released together)
    // or, the 6th, still held until a 5th of its school's next answers or the closing.
    for (const [i, who] of people.entries()) {
      const holding = rows.filter((r) => r.text.includes(who.secret));
      expect(holding.map((r) => r.table)).toEqual([
        i < 5 ? 'public.survey_responses' : 'public.survey_held_answers',
      ]);
      if (i === 5) {
        expect(Object.keys(holding[0]?.row ?? {}).sort()).toEqual([
          'answers',
          'org_path',
          'score',
          'survey_id',
        ]);
        continue;
      }
      const [response] = holding;
      for (const id of identifiers) expect(response?.text).not.toContain(id);
      expect(response?.row).toMatchObject({
        respondent_kind: null,
        respondent_id: null,
        answered_on: null,
      });
      // No time at all, let alone one finer than a day.
      expect(response?.text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      // A random id (version 4), not a number in the order answers came.
      expect(response?.row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-/);
    }

    // The table of answers can hold no person, time or sequence by its very columns.
    const columns = (await t.database.query(
      `select column_name, data_type, column_default, is_identity from information_schema.columns
        where table_name = 'survey_responses' order by ordinal_position`,
    )) as {
      column_name: string;
      data_type: string;
      column_default: string | null;
      is_identity: string;
    }[];
    expect(columns.filter((c) => /time/.test(c.data_type))).toEqual([]);
    expect(
      columns.filter((c) => c.is_identity === 'YES' || /nextval/.test(c.column_default ?? '')),
    ).toEqual([]);
    expect(columns.find((c) => c.column_name === 'id')?.data_type).toBe('uuid');
    // …and the "has answered" marks hold no time and nothing of the answers.
    const marks = tables.find((tb) => tb.name === 'survey_invitees');
    expect(marks?.columns.sort()).toEqual(['answered', 'org_id', 'person_id', 'survey_id']);

    // The audit log: each member answered survey X, with nothing of what they answered.
    const audit = rows.filter(
      (r) => r.table === 'public.audit_log' && r.row.action === 'survey.respond',
    );
    expect(audit.map((r) => r.row.actor_id).sort()).toEqual(people.map((p) => p.member.id).sort());
    for (const entry of audit) {
      expect(entry.row).toMatchObject({ target_type: 'survey', target_id: surveyId });
      expect(entry.row.details ?? null).toBeNull();
      expect(entry.text).not.toMatch(/Норма|тайна-/);
    }
  });

  it('no answer shares its transaction with fewer than 4 others’ (xmin joins to no one)', async () => {
    const people = await respondents(5, 'Транзакциева');
    const surveyId = await answerAll(true, people);
    const groups = await sameTransaction(surveyId);
    // The 5 answers reached responses and counts in one transaction, that of the 5th answer:
    // its audit entry shares it with 5 answers, each of which could be anyone's of the 5.
    expect(groups).toEqual([{ respondents: 1, responses: 5, tallies: expect.any(Number) }]);
    // The first 4 answerers' transactions wrote nothing of the answers that is still there.
    const held = (await t.database.query(
      'select count(*)::int as n from survey_held_answers where survey_id = $1',
      [surveyId],
    )) as { n: number }[];
    expect(held[0]?.n).toBe(0);
  });

  it('the same scan finds the person behind a named survey’s answer', async () => {
    const people = await respondents(1, 'Именнова');
    await answerAll(false, people);
    const { rows } = await everyRow();
    const [who] = people as [Respondent];
    const [response] = rows.filter((r) => r.text.includes(who.secret));
    expect(response?.row.respondent_kind).toBe('member');
    expect(String(response?.row.respondent_id)).toBe(who.member.id);
    expect(response?.row.answered_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('a named answer does share its transaction with its author’s audit entry (the check bites)', async () => {
    const people = await respondents(1, 'Открытова');
    const surveyId = await answerAll(false, people);
    expect(await sameTransaction(surveyId)).toEqual([
      { respondents: 1, responses: 1, tallies: expect.any(Number) },
    ]);
  });
});
