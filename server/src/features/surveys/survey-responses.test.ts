import type { Member, Survey } from '@profreestr/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putOnRecord } from '../../../test/member-fixture.js';
import {
  answerAsMember,
  createSurvey,
  hourFromNow,
  memberCookie,
  publish,
  surveyBody,
  testBody,
} from '../../../test/survey-fixture.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

// Answering: one response per person (also when ten arrive at once), only while the survey is
// open, every answer checked against its question (422 naming it), a test's score at once, a
// chairman answering for their org, and nobody answering what they were not invited to.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
const members: Member[] = [];
const cookies: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  for (let i = 0; i < 4; i++) {
    const member = await putOnRecord(t, tree.admin, {
      orgId: i % 2 ? tree.orgs.primaryA2.id : tree.orgs.primaryA1.id,
      lastName: `Отвечающая${'а'.repeat(i)}`,
      firstName: 'Мария',
    });
    members.push(member);
    cookies.push(await memberCookie(t, member.id));
  }
});
afterAll(() => t.close());

const valid = { load: 'Норма', issues: ['Отчёты', 'Зарплата'], mood: 4, comment: 'Меньше бумаг' };

describe('one response per person', () => {
  it('ten submissions at once: one is taken, nine are refused with 409', async () => {
    const survey = await createSurvey(t, tree.admin, surveyBody(tree.orgs.terrA.id));
    await publish(t, tree.admin, survey.id);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => answerAsMember(t, cookies[0] as string, survey.id, valid)),
    );
    const statuses = answers.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    // Anonymous: the answer waits among the held ones until its school has 5.
    const [{ n } = { n: -1 }] = (await t.database.query(
      `select ((select count(*) from survey_responses where survey_id = $1)
            + (select count(*) from survey_held_answers where survey_id = $1))::int as n`,
      [survey.id],
    )) as { n: number }[];
    expect(n).toBe(1);
    const again = await answerAsMember(t, cookies[0] as string, survey.id, valid);
    expect(again.statusCode).toBe(409);
    const mine = (await t.api('GET', '/api/v1/cabinet/surveys', { cookie: cookies[0] })).json();
    expect(mine.items.find((s: { id: string }) => s.id === survey.id).answered).toBe(true);
  });
});

describe('the open window', () => {
  it('before it opens and after it closes an answer is refused with 409', async () => {
    const later = await createSurvey(
      t,
      tree.admin,
      surveyBody(tree.orgs.terrA.id, { opensAt: hourFromNow(2), closesAt: hourFromNow(5) }),
    );
    await publish(t, tree.admin, later.id);
    const early = await answerAsMember(t, cookies[1] as string, later.id, valid);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/не начался/);

    const open = await createSurvey(t, tree.admin, surveyBody(tree.orgs.terrA.id));
    await publish(t, tree.admin, open.id);
    // Closed early by its author: the closing time moved to the past.
    const closed = await t.api('PATCH', `/api/v1/surveys/${open.id}`, {
      cookie: tree.admin,
      body: { closesAt: new Date(Date.now() - 1000).toISOString() },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().state).toBe('closed');
    const late = await answerAsMember(t, cookies[1] as string, open.id, valid);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/закрыт/);
  });
});

describe('answers checked against the questions', () => {
  let survey: Survey;
  beforeAll(async () => {
    survey = await createSurvey(t, tree.admin, surveyBody(tree.orgs.terrA.id));
    await publish(t, tree.admin, survey.id);
  });

  const refused = async (answers: Record<string, unknown>) => {
    const response = await answerAsMember(t, cookies[2] as string, survey.id, answers);
    expect(response.statusCode, response.body).toBe(422);
    return response.json().error.details.map((d: { field: string }) => d.field);
  };

  it('each wrong answer is 422 naming its question', async () => {
    expect(await refused({ ...valid, load: 'Иногда' })).toEqual(['answers.load']);
    expect(await refused({ ...valid, load: ['Норма', 'Выше нормы'] })).toEqual(['answers.load']);
    expect(await refused({ ...valid, issues: ['Отчёты', 'Погода'] })).toEqual(['answers.issues']);
    expect(await refused({ ...valid, issues: ['Отчёты', 'Отчёты'] })).toEqual(['answers.issues']);
    expect(await refused({ ...valid, mood: 6 })).toEqual(['answers.mood']);
    expect(await refused({ ...valid, mood: 2.5 })).toEqual(['answers.mood']);
    expect(await refused({ ...valid, mood: '4' })).toEqual(['answers.mood']);
    expect(await refused({ ...valid, load: '  ' })).toEqual(['answers.load']);
    expect(await refused({ issues: [] })).toEqual(['answers.load', 'answers.mood']);
    expect(await refused({ ...valid, extra: 'да' })).toEqual(['answers.extra']);
    expect(await refused({ ...valid, comment: 'я'.repeat(5001) })).toEqual(['answers.comment']);
  });

  it('a malformed body is 400; a body of the wrong shape 422; nothing was recorded', async () => {
    const broken = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cabinet/surveys/${survey.id}/responses`,
      headers: { cookie: cookies[2] as string, 'content-type': 'application/json' },
      payload: '{"answers": {',
    });
    expect(broken.statusCode).toBe(400);
    const shape = await t.api('POST', `/api/v1/cabinet/surveys/${survey.id}/responses`, {
      cookie: cookies[2],
      body: { answers: valid, more: 1 },
    });
    expect(shape.statusCode).toBe(422);
    const badId = await t.api('POST', '/api/v1/cabinet/surveys/abc/responses', {
      cookie: cookies[2],
      body: { answers: valid },
    });
    expect(badId.statusCode).toBe(404);
    const ok = await answerAsMember(t, cookies[2] as string, survey.id, {
      load: 'Норма',
      mood: 1,
      issues: [],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toEqual({ score: null, max: null });
  });
});

describe('a test', () => {
  it('answers with the score right away: exact sets, points, the most possible', async () => {
    const test = await createSurvey(t, tree.admin, testBody(tree.orgs.terrA.id));
    expect(test.maxScore).toBe(4);
    await publish(t, tree.admin, test.id);
    const all = await answerAsMember(t, cookies[0] as string, test.id, {
      year: '1990',
      bodies: ['Профком', 'Собрание'],
      term: 5,
    });
    expect(all.statusCode, all.body).toBe(201);
    expect(all.json()).toEqual({ score: 4, max: 4 });
    // A set with one option too many is wrong as a whole.
    const some = await answerAsMember(t, cookies[1] as string, test.id, {
      year: '1990',
      bodies: ['Собрание', 'Профком', 'Дирекция'],
      term: 4,
    });
    expect(some.json()).toEqual({ score: 1, max: 4 });
    const stored = (await t.database.query(
      `select score from survey_responses where survey_id = $1
       union all select score from survey_held_answers where survey_id = $1 order by score`,
      [test.id],
    )) as { score: number }[];
    expect(stored.map((r) => r.score)).toEqual([1, 4]);
  });
});

describe('a chairmen’s survey', () => {
  it('a staff user of an invited org answers for it, once; other orgs are not asked', async () => {
    for (const org of [tree.orgs.primaryA1, tree.orgs.primaryB1]) {
      const patched = await t.api('PATCH', `/api/v1/orgs/${org.id}`, {
        cookie: tree.admin,
        body: {
          chairman: {
            lastName: 'Председателева',
            firstName: 'Ольга',
            email: `chair-${org.code.toLowerCase()}@example.org`,
            notify: { email: true },
          },
        },
      });
      expect(patched.statusCode, patched.body).toBe(200);
    }
    const survey = await createSurvey(
      t,
      tree.admin,
      surveyBody(tree.orgs.regionA.id, {
        audience: { kind: 'chairmen', under: tree.orgs.regionA.id, levels: ['primary'] },
      }),
    );
    const published = await publish(t, tree.admin, survey.id);
    expect(published.invited).toBe(1);
    const [letter] = (await t.database.query(
      `select to_address, text_body from mail_messages where kind = 'survey_invitation'
        and to_address like 'chair-%'`,
    )) as { to_address: string; text_body: string }[];
    expect(letter?.to_address).toBe('chair-p-a1@example.org');
    expect(letter?.text_body).toContain(`/surveys/${survey.id}/answer`);

    await tree.user('survey-chair-a1', 'editor', tree.orgs.primaryA1.id);
    await tree.user('survey-viewer-a1', 'viewer', tree.orgs.primaryA1.id);
    await tree.user('survey-chair-b1', 'editor', tree.orgs.primaryB1.id);
    const chairA1 = await t.login('survey-chair-a1');
    const assigned = (await t.api('GET', '/api/v1/surveys/assigned', { cookie: chairA1 })).json();
    expect(assigned.items.map((s: { id: string }) => s.id)).toEqual([survey.id]);
    const answer = (cookie: string) =>
      t.api('POST', `/api/v1/surveys/${survey.id}/responses`, {
        cookie,
        body: { answers: valid },
      });
    expect((await answer(chairA1)).statusCode).toBe(201);
    // One answer per org: a colleague of the same org finds it answered.
    expect((await answer(await t.login('survey-viewer-a1'))).statusCode).toBe(409);
    const chairB1 = await t.login('survey-chair-b1');
    expect((await answer(chairB1)).statusCode).toBe(404);
    expect(
      (await t.api('GET', '/api/v1/surveys/assigned', { cookie: chairB1 })).json().items,
    ).toEqual([]);
    // A member is not a chairman: the members' route does not take a chairmen's survey.
    expect((await answerAsMember(t, cookies[0] as string, survey.id, valid)).statusCode).toBe(404);
  });
});
