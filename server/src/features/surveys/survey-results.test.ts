import type { Member, SurveyResults } from '@profreestr/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putOnRecord } from '../../../test/member-fixture.js';
import {
  answerAsMember,
  createSurvey,
  memberCookie,
  publish,
  surveyBody,
  testBody,
} from '../../../test/survey-fixture.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';
import { releaseClosedSurveys } from './survey-held.service.js';

// Results by subtree: nothing broken down below 5 respondents, nor where the figures of the org
// above minus those shown would give a smaller group away; counts, a scale's mean and a test's
// scores where shown; the drill-down, text answers (names only for a named survey and an
// editor), the file, and the maintained counts equal to a recount of the responses.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let viewerT: string;
const a1: { member: Member; cookie: string }[] = [];
const a2: { member: Member; cookie: string }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  for (const [org, into, count] of [
    [tree.orgs.primaryA1.id, a1, 6],
    [tree.orgs.primaryA2.id, a2, 5],
  ] as const) {
    for (let i = 0; i < count; i++) {
      const member = await putOnRecord(t, tree.admin, {
        orgId: org,
        lastName: `Итогова${'а'.repeat(into.length)}`,
        firstName: into === a1 ? 'Анна' : 'Вера',
      });
      into.push({ member, cookie: await memberCookie(t, member.id) });
    }
  }
  await tree.user('results-viewer-t', 'viewer', tree.orgs.terrA.id);
  viewerT = await t.login('results-viewer-t');
});
afterAll(() => t.close());

const results = async (id: string, under: string, cookie = tree.admin) => {
  const response = await t.api('GET', `/api/v1/surveys/${id}/results?under=${under}`, { cookie });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as SurveyResults;
};
const question = (r: SurveyResults, code: string) => r.questions.find((q) => q.code === code);

/** The i-th person's answers: loads alternate, moods 1…5 in turn, a comment from each. */
const answersOf = (i: number) => ({
  load: i % 2 ? 'Выше нормы' : 'Норма',
  issues: i % 3 ? ['Отчёты'] : ['Отчёты', 'Зарплата'],
  mood: (i % 5) + 1,
  comment: `Предложение № ${i}`,
});

describe('an anonymous survey', () => {
  let id: string;
  beforeAll(async () => {
    id = (await createSurvey(t, tree.admin, surveyBody(tree.orgs.terrA.id))).id;
    await publish(t, tree.admin, id);
  });
  const answer = async (who: { cookie: string }, i: number) => {
    const response = await answerAsMember(t, who.cookie, id, answersOf(i));
    expect(response.statusCode, response.body).toBe(201);
  };

  it('fewer than 5 respondents: the counts of respondents only, no breakdown, no texts', async () => {
    for (let i = 0; i < 4; i++) await answer(a1[i] as { cookie: string }, i);
    const r = await results(id, tree.orgs.terrA.id);
    expect(r).toMatchObject({
      invited: 11,
      respondents: 4,
      suppressed: true,
      individual: false,
      heldBack: 4,
    });
    expect(r.responseRate).toBe(36.4);
    expect(r.questions.every((q) => q.counts === null && q.answered === null)).toBe(true);
    const texts = await t.api(
      'GET',
      `/api/v1/surveys/${id}/results/texts?question=comment&under=${tree.orgs.terrA.id}`,
      { cookie: tree.admin },
    );
    expect(texts.json()).toEqual({ items: [], nextCursor: null, suppressed: true });
  });

  it('a school whose figures could be worked out from the org above is withheld too', async () => {
    for (let i = 4; i < 6; i++) await answer(a1[i] as { cookie: string }, i);
    for (let i = 0; i < 3; i++) await answer(a2[i] as { cookie: string }, 10 + i);
    // 9 in the territory: shown. 6 in school 1 would leave 3 of school 2 to subtract: withheld.
    // The breakdown holds school 1's first 5 (released together when the 5th came); its 6th
    // and school 2's 3 wait.
    const terr = await results(id, tree.orgs.terrA.id);
    expect(terr).toMatchObject({ respondents: 9, suppressed: false, heldBack: 4 });
    expect(question(terr, 'load')?.counts).toEqual({ Норма: 3, 'Выше нормы': 2 });
    expect(question(terr, 'issues')?.counts).toEqual({ Отчёты: 5, Зарплата: 2, Оборудование: 0 });
    expect(question(terr, 'mood')).toMatchObject({
      answered: 5,
      counts: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 },
      mean: 3,
    });
    expect(question(terr, 'comment')).toMatchObject({ answered: 5, counts: null, mean: null });
    expect((await results(id, tree.orgs.primaryA1.id)).suppressed).toBe(true);
    expect((await results(id, tree.orgs.primaryA2.id)).suppressed).toBe(true);
    const children = (
      await t.api('GET', `/api/v1/surveys/${id}/results/children?under=${tree.orgs.terrA.id}`, {
        cookie: tree.admin,
      })
    ).json();
    expect(
      children.items.map(
        (c: { org: { code: string }; respondents: number; suppressed: boolean }) => [
          c.org.code,
          c.respondents,
          c.suppressed,
        ],
      ),
    ).toEqual([
      ['P-A1', 6, true],
      ['P-A2', 3, true],
    ]);
    // From above: the region shows the territory's figures (its only child with answers).
    expect((await results(id, tree.orgs.regionA.id)).org.id).toBe(tree.orgs.terrA.id);
  });

  it('both schools at 5 or more: each shown, text answers without names, in no set order', async () => {
    for (let i = 3; i < 5; i++) await answer(a2[i] as { cookie: string }, 10 + i);
    const open = await results(id, tree.orgs.primaryA1.id, viewerT);
    expect(open).toMatchObject({ respondents: 6, suppressed: false, heldBack: 1 });
    expect(question(open, 'load')?.counts).toEqual({ Норма: 3, 'Выше нормы': 2 });
    // The survey closes: no answer can come to hide the last one among, so it joins the rest.
    await t.database.query(
      `update surveys set closes_at = now() - interval '1 second' where id = $1`,
      [id],
    );
    expect(await releaseClosedSurveys(t.database.db, new Date())).toBe(1);
    expect(await releaseClosedSurveys(t.database.db, new Date())).toBe(0);
    const school = await results(id, tree.orgs.primaryA1.id, viewerT);
    expect(school).toMatchObject({
      respondents: 6,
      suppressed: false,
      individual: false,
      heldBack: 0,
    });
    expect(question(school, 'load')?.counts).toEqual({ Норма: 3, 'Выше нормы': 3 });
    const texts = (
      await t.api(
        'GET',
        `/api/v1/surveys/${id}/results/texts?question=comment&under=${tree.orgs.terrA.id}&limit=6`,
        { cookie: viewerT },
      )
    ).json();
    expect(texts.items).toHaveLength(6);
    expect(texts.items.every((item: { respondent: unknown }) => item.respondent === null)).toBe(
      true,
    );
    const rest = (
      await t.api(
        'GET',
        `/api/v1/surveys/${id}/results/texts?question=comment&under=${tree.orgs.terrA.id}&cursor=${texts.nextCursor}`,
        { cookie: viewerT },
      )
    ).json();
    const all = [...texts.items, ...rest.items].map((item: { text: string }) => item.text).sort();
    expect(all).toEqual(
      [0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14].map((i) => `Предложение № ${i}`).sort(),
    );
    const wrong = await t.api(
      'GET',
      `/api/v1/surveys/${id}/results/texts?question=load&under=${tree.orgs.terrA.id}`,
      { cookie: viewerT },
    );
    expect(wrong.statusCode).toBe(422);
    const outside = await t.api(
      'GET',
      `/api/v1/surveys/${id}/results?under=${tree.orgs.primaryB1.id}`,
      {
        cookie: viewerT,
      },
    );
    expect(outside.statusCode).toBe(404);
  });

  it('the file: a row per response with no person, the totals, the orgs below', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/surveys/${id}/results/file?under=${tree.orgs.terrA.id}`,
      headers: { cookie: tree.admin },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Ответы', 'Итоги', 'По организациям']);
    const rows = book.getWorksheet('Ответы');
    expect(rows?.getRow(1).values).toEqual([
      undefined,
      'Ваша нагрузка',
      'Что мешает работать',
      'Удовлетворённость работой',
      'Что предложите',
    ]);
    expect(rows?.actualRowCount).toBe(12);
    expect(book.getWorksheet('По организациям')?.actualRowCount).toBe(3);
    const [end] = (await t.database.query(
      `select details from audit_log where action = 'survey.export.end' order by id desc limit 1`,
    )) as { details: { rows: number; complete: boolean } }[];
    expect(end?.details).toMatchObject({ rows: 11, complete: true });
  });

  it('the maintained counts equal a recount of the responses, in every org', async () => {
    const recount = (await t.database.query(
      `select o.id::text as org_id, q.key as question, coalesce(a.value, '') as answer,
              count(*)::int as n
         from survey_responses r
         join orgs o on r.org_path like o.path || '%'
         cross join lateral jsonb_each(r.answers) q
         left join lateral (
           select jsonb_array_elements_text(q.value) as value where jsonb_typeof(q.value) = 'array'
           union all select q.value #>> '{}' where jsonb_typeof(q.value) = 'number'
             or (jsonb_typeof(q.value) = 'string' and q.key <> 'comment')
           union all select ''
         ) a on true
        where r.survey_id = $1 and o.path like $2 || '%'
        group by 1, 2, 3 order by 1, 2, 3`,
      [id, `${tree.centralId}.`],
    )) as { org_id: string; question: string; answer: string; n: number }[];
    const kept = (await t.database.query(
      `select org_id::text, question, answer, n from survey_tallies where survey_id = $1
        order by 1, 2, 3`,
      [id],
    )) as typeof recount;
    // Tallies start at the survey's org; the recount also finds its ancestors.
    const inScope = recount.filter((r) => kept.some((k) => k.org_id === r.org_id));
    expect(kept).toEqual(inScope);
    expect(new Set(kept.map((k) => k.org_id))).toEqual(
      new Set([tree.orgs.terrA.id, tree.orgs.primaryA1.id, tree.orgs.primaryA2.id]),
    );
  });
});

describe('a named survey and a test', () => {
  it('an editor sees who wrote what; a viewer still sees no breakdown below 5', async () => {
    const named = await createSurvey(
      t,
      tree.admin,
      surveyBody(tree.orgs.primaryA1.id, { anonymous: false }),
    );
    await publish(t, tree.admin, named.id);
    for (const [i, who] of a1.slice(0, 2).entries()) {
      expect((await answerAsMember(t, who.cookie, named.id, answersOf(i))).statusCode).toBe(201);
    }
    const editor = await results(named.id, tree.orgs.primaryA1.id);
    expect(editor).toMatchObject({ respondents: 2, suppressed: false, individual: true });
    const viewer = await results(named.id, tree.orgs.primaryA1.id, viewerT);
    expect(viewer).toMatchObject({ suppressed: true, individual: false });
    const texts = (
      await t.api('GET', `/api/v1/surveys/${named.id}/results/texts?question=comment`, {
        cookie: tree.admin,
      })
    ).json();
    expect(
      texts.items.map((item: { respondent: { id: string } }) => item.respondent.id).sort(),
    ).toEqual(
      a1
        .slice(0, 2)
        .map((who) => who.member.id)
        .sort(),
    );
  });

  it('a test shows its scores: the lowest, mean, highest and how many got each', async () => {
    const test = await createSurvey(t, tree.admin, testBody(tree.orgs.primaryA1.id));
    await publish(t, tree.admin, test.id);
    const tries = [
      { year: '1990', bodies: ['Собрание', 'Профком'], term: 5 },
      { year: '1990', bodies: ['Собрание'], term: 5 },
      { year: '2000', bodies: ['Собрание', 'Профком'], term: 3 },
      { year: '2000', bodies: ['Профком'], term: 1 },
      { year: '1990', bodies: ['Собрание', 'Профком'], term: 2 },
    ];
    const scores: number[] = [];
    for (const [i, answers] of tries.entries()) {
      const response = await answerAsMember(
        t,
        (a1[i] as { cookie: string }).cookie,
        test.id,
        answers,
      );
      scores.push(response.json().score);
    }
    expect(scores).toEqual([4, 2, 2, 0, 3]);
    const r = await results(test.id, tree.orgs.primaryA1.id);
    expect(r.scores).toEqual({
      min: 0,
      mean: 2.2,
      max: 4,
      maxPossible: 4,
      distribution: { 0: 1, 1: 0, 2: 2, 3: 1, 4: 1 },
    });
  });
});
