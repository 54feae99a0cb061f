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
} from '../../../test/survey-fixture.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';
import { until } from '../../../test/until.js';

// A survey's life through the API: a definition refused with the question named, an audience
// outside the author's reach not found, publishing that writes the invited list once and
// invites only those who agreed to letters, editing after it, the lists, and the reminder.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let editorB: string;
let viewerT: string;
const people: Member[] = [];

const letters = async (surveyTitle: string) =>
  (await t.database.query(
    `select to_address, subject, text_body, member_id::text from mail_messages
      where kind = 'survey_invitation' and subject like $1 order by to_address`,
    [`%${surveyTitle}%`],
  )) as { to_address: string; subject: string; text_body: string; member_id: string }[];

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  const on = (orgId: string, lastName: string, extra: Record<string, unknown> = {}) =>
    putOnRecord(t, tree.admin, {
      orgId,
      lastName,
      firstName: 'Анна',
      middleName: 'Ивановна',
      ...extra,
    });
  const { primaryA1, primaryA2, primaryB1 } = tree.orgs;
  people.push(
    await on(primaryA1.id, 'Согласная', { email: 'a1@example.org', notify: { email: true } }),
    await on(primaryA2.id, 'Согласнова', { email: 'a2@example.org', notify: { email: true } }),
    await on(primaryA1.id, 'Несогласная', { email: 'no-consent@example.org' }),
    await on(primaryA2.id, 'Безадресная'),
    await on(primaryB1.id, 'Чужая', { email: 'b1@example.org', notify: { email: true } }),
  );
  await tree.user('survey-editor-b', 'editor', tree.orgs.regionB.id);
  await tree.user('survey-viewer-t', 'viewer', tree.orgs.terrA.id);
  editorB = await t.login('survey-editor-b');
  viewerT = await t.login('survey-viewer-t');
});
afterAll(() => t.close());

describe('the definition', () => {
  it('a draft counts its audience; a definition is refused naming the question', async () => {
    const draft = await createSurvey(t, tree.admin, surveyBody(tree.orgs.terrA.id));
    expect(draft).toMatchObject({ status: 'draft', state: 'draft', audienceCount: 4, invited: 0 });

    const bad = async (overrides: Record<string, unknown>) => {
      const response = await t.api('POST', '/api/v1/surveys', {
        cookie: tree.admin,
        body: surveyBody(tree.orgs.terrA.id, overrides),
      });
      expect(response.statusCode, response.body).toBe(422);
      return response.json().error.details.map((d: { field: string }) => d.field);
    };
    const q = (extra: Record<string, unknown>) => ({ code: 'q1', text: 'Вопрос', ...extra });
    expect(await bad({ questions: [q({ type: 'ranking' })] })).toEqual(['questions.0.type']);
    expect(await bad({ questions: [q({ type: 'single', options: ['Одно'] })] })).toEqual([
      'questions.0.options',
    ]);
    expect(await bad({ questions: [q({ type: 'scale', min: 5, max: 1 })] })).toEqual([
      'questions.0.max',
    ]);
    expect(
      await bad({ questions: [q({ type: 'text' }), q({ type: 'text', text: 'Ещё' })] }),
    ).toEqual(['questions.1.code']);
    expect(await bad({ kind: 'test' })).toEqual(['questions']);
    expect(
      await bad({
        kind: 'test',
        questions: [q({ type: 'single', options: ['Да', 'Нет'], correct: 'Может быть' })],
      }),
    ).toEqual(['questions.0.correct']);
    expect(await bad({ opensAt: hourFromNow(5), closesAt: hourFromNow(1) })).toEqual(['closesAt']);
    expect(await bad({ surprise: true })).toEqual(['surprise']);
  });

  it('an audience outside the author’s subtree is not found; a viewer may not build one', async () => {
    const outside = await t.api('POST', '/api/v1/surveys', {
      cookie: editorB,
      body: surveyBody(tree.orgs.terrA.id),
    });
    expect(outside.statusCode).toBe(404);
    const viewer = await t.api('POST', '/api/v1/surveys', {
      cookie: viewerT,
      body: surveyBody(tree.orgs.terrA.id),
    });
    expect(viewer.statusCode).toBe(403);
    const draft = await createSurvey(t, tree.admin, surveyBody(tree.orgs.terrA.id));
    expect(
      (await t.api('GET', `/api/v1/surveys/${draft.id}`, { cookie: editorB })).statusCode,
    ).toBe(404);
    // Staff of the subtree read a draft, a viewer too (changing it is an editor's).
    expect(
      (await t.api('GET', `/api/v1/surveys/${draft.id}`, { cookie: viewerT })).statusCode,
    ).toBe(200);
  });
});

describe('publishing', () => {
  let survey: Survey;

  beforeAll(async () => {
    survey = await createSurvey(
      t,
      tree.admin,
      surveyBody(tree.orgs.terrA.id, { title: 'Публикуемый опрос' }),
    );
  });

  it('writes the invited list once and invites only those who agreed to letters', async () => {
    const published = await publish(t, tree.admin, survey.id);
    expect(published).toMatchObject({ status: 'published', state: 'open', invited: 4 });
    expect(published.audienceCount).toBe(4);
    const sent = await letters('Публикуемый опрос');
    expect(sent.map((l) => l.to_address)).toEqual(['a1@example.org', 'a2@example.org']);
    expect(sent[0]?.text_body).toContain('Здравствуйте, Анна Ивановна!');
    expect(sent[0]?.text_body).toContain(`/cabinet/surveys/${survey.id}`);
    expect(sent[0]?.text_body).toContain('Опрос анонимный');
    expect(sent[0]?.member_id).toBe(people[0]?.id);

    const again = await t.api('POST', `/api/v1/surveys/${survey.id}/publish`, {
      cookie: tree.admin,
    });
    expect(again.statusCode).toBe(409);
    // Counted per org of the subtree as well.
    const [root] = (await t.database.query(
      'select invited from survey_org_stats where survey_id = $1 and org_id = $2',
      [survey.id, tree.orgs.terrA.id],
    )) as { invited: number }[];
    expect(root?.invited).toBe(4);
  });

  it('the invited see it in their cabinet; someone put on record afterwards is not invited', async () => {
    const invited = await memberCookie(t, people[2]?.id as string);
    const mine = (await t.api('GET', '/api/v1/cabinet/surveys', { cookie: invited })).json();
    const item = mine.items.find((s: { id: string }) => s.id === survey.id);
    expect(item).toMatchObject({ state: 'open', answered: false, anonymous: true });
    // A respondent never sees right answers or internals, only the questions.
    expect(Object.keys(item.questions[0]).sort()).toEqual(['code', 'options', 'text', 'type']);

    const late = await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Опоздавшая',
      firstName: 'Анна',
    });
    const lateCookie = await memberCookie(t, late.id);
    const theirs = (await t.api('GET', '/api/v1/cabinet/surveys', { cookie: lateCookie })).json();
    expect(theirs.items.map((s: { id: string }) => s.id)).not.toContain(survey.id);
    const refused = await answerAsMember(t, lateCookie, survey.id, { load: 'Норма', mood: 3 });
    expect(refused.statusCode).toBe(404);
  });

  it('after publishing only the closing time changes', async () => {
    const renamed = await t.api('PATCH', `/api/v1/surveys/${survey.id}`, {
      cookie: tree.admin,
      body: { title: 'Другое название' },
    });
    expect(renamed.statusCode).toBe(409);
    const closesAt = hourFromNow(48);
    const extended = await t.api('PATCH', `/api/v1/surveys/${survey.id}`, {
      cookie: tree.admin,
      body: { closesAt },
    });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json().closesAt).toBe(closesAt);
  });

  it('a draft changes whole: questions checked again with the stored ones', async () => {
    const draft = await createSurvey(t, tree.admin, surveyBody(tree.orgs.terrA.id));
    const toTest = await t.api('PATCH', `/api/v1/surveys/${draft.id}`, {
      cookie: tree.admin,
      body: { kind: 'test' },
    });
    expect(toTest.statusCode).toBe(422);
    const moved = await t.api('PATCH', `/api/v1/surveys/${draft.id}`, {
      cookie: tree.admin,
      body: { audience: { kind: 'members', under: tree.orgs.primaryB1.id }, title: 'Для Б' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      title: 'Для Б',
      orgId: tree.orgs.primaryB1.id,
      audienceCount: 1,
    });
    // The region B editor now reaches it; it left region A's viewer's sight.
    expect(
      (await t.api('GET', `/api/v1/surveys/${draft.id}`, { cookie: editorB })).statusCode,
    ).toBe(200);
  });

  it('lists reach staff of the subtree and, once published, staff below', async () => {
    const ids = async (cookie: string) =>
      (await t.api('GET', '/api/v1/surveys?limit=200', { cookie }))
        .json()
        .items.map((s: { id: string }) => s.id);
    const regional = await createSurvey(t, tree.admin, surveyBody(tree.centralId));
    expect(await ids(viewerT)).not.toContain(regional.id);
    await publish(t, tree.admin, regional.id);
    expect(await ids(viewerT)).toContain(regional.id);
    expect(await ids(viewerT)).toContain(survey.id);
    expect(await ids(editorB)).not.toContain(survey.id);
    const first = (await t.api('GET', '/api/v1/surveys?limit=1', { cookie: tree.admin })).json();
    expect(first.items).toHaveLength(1);
    const second = (
      await t.api('GET', `/api/v1/surveys?limit=1&cursor=${first.nextCursor}`, {
        cookie: tree.admin,
      })
    ).json();
    expect(Number(second.items[0].id)).toBeLessThan(Number(first.items[0].id));
  });
});

describe('the reminder', () => {
  it('goes to the invited who have not answered, at most once in 12 hours', async () => {
    const survey = await createSurvey(
      t,
      tree.admin,
      surveyBody(tree.orgs.terrA.id, { title: 'Опрос с напоминанием' }),
    );
    await publish(t, tree.admin, survey.id);
    const invitations = (await letters('Опрос с напоминанием')).length;
    const answered = await answerAsMember(
      t,
      await memberCookie(t, people[0]?.id as string),
      survey.id,
      {
        load: 'Норма',
        mood: 4,
      },
    );
    expect(answered.statusCode, answered.body).toBe(201);

    const viewer = await t.api('POST', `/api/v1/surveys/${survey.id}/remind`, { cookie: viewerT });
    expect(viewer.statusCode).toBe(403);
    const reminded = await t.api('POST', `/api/v1/surveys/${survey.id}/remind`, {
      cookie: tree.admin,
    });
    expect(reminded.statusCode, reminded.body).toBe(202);
    // Of the two who agreed to letters, one answered: one reminder.
    expect(reminded.json()).toEqual({ queued: 1 });
    const all = await until(
      () => letters('Профреестр: напоминание'),
      (found) => found.length === 1,
    );
    expect(all.map((l) => l.to_address)).toEqual(['a2@example.org']);
    expect(all[0]?.subject).toContain('Опрос с напоминанием');
    expect((await letters('Опрос с напоминанием')).length).toBe(invitations + 1);

    const soon = await t.api('POST', `/api/v1/surveys/${survey.id}/remind`, { cookie: tree.admin });
    expect(soon.statusCode).toBe(409);
    expect(soon.json().error.message).toMatch(/не раньше/);
    await t.database.query(
      `update surveys set reminded_at = now() - interval '13 hours' where id = $1`,
      [survey.id],
    );
    const later = await t.api('POST', `/api/v1/surveys/${survey.id}/remind`, {
      cookie: tree.admin,
    });
    expect(later.statusCode).toBe(202);
  });

  it('a draft has nobody to remind', async () => {
    const draft = await createSurvey(t, tree.admin, surveyBody(tree.orgs.terrA.id));
    const response = await t.api('POST', `/api/v1/surveys/${draft.id}/remind`, {
      cookie: tree.admin,
    });
    expect(response.statusCode).toBe(409);
  });
});

describe('one survey of the respondent', () => {
  it('an invited member reads it, marked answered once they answer; anyone else is told 404', async () => {
    const survey = await createSurvey(
      t,
      tree.admin,
      surveyBody(tree.orgs.terrA.id, { title: 'Опрос по ссылке' }),
    );
    await publish(t, tree.admin, survey.id);
    const invited = await memberCookie(t, people[1]?.id as string);
    const read = () => t.api('GET', `/api/v1/cabinet/surveys/${survey.id}`, { cookie: invited });
    const before = await read();
    expect(before.statusCode, before.body).toBe(200);
    // The same as its item of the list.
    const list = (await t.api('GET', '/api/v1/cabinet/surveys', { cookie: invited })).json();
    expect(before.json()).toEqual(list.items.find((s: { id: string }) => s.id === survey.id));
    expect(before.json()).toMatchObject({
      title: 'Опрос по ссылке',
      state: 'open',
      answered: false,
    });
    const answered = await answerAsMember(t, invited, survey.id, { load: 'Норма', mood: 5 });
    expect(answered.statusCode, answered.body).toBe(201);
    expect((await read()).json().answered).toBe(true);

    // A member outside the audience, an unknown id, a bad id, a draft: all the same 404.
    const outsider = await memberCookie(t, people[4]?.id as string);
    const notInvited = await t.api('GET', `/api/v1/cabinet/surveys/${survey.id}`, {
      cookie: outsider,
    });
    expect(notInvited.statusCode).toBe(404);
    expect(notInvited.json().error.message).toBe('Опрос не найден');
    const draft = await createSurvey(t, tree.admin, surveyBody(tree.orgs.terrA.id));
    for (const id of ['999999999', 'abc', draft.id]) {
      const response = await t.api('GET', `/api/v1/cabinet/surveys/${id}`, { cookie: invited });
      expect(response.statusCode, id).toBe(404);
    }
    // Staff are not in the cabinet.
    const staff = await t.api('GET', `/api/v1/cabinet/surveys/${survey.id}`, {
      cookie: tree.admin,
    });
    expect(staff.statusCode).toBe(401);
  });

  it('a chairman reads the survey their org is invited to; a chairman of another org is told 404', async () => {
    const patched = await t.api('PATCH', `/api/v1/orgs/${tree.orgs.primaryA1.id}`, {
      cookie: tree.admin,
      body: { chairman: { lastName: 'Председателева', firstName: 'Ольга' } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const survey = await createSurvey(
      t,
      tree.admin,
      surveyBody(tree.orgs.terrA.id, {
        title: 'Опрос председателей по ссылке',
        audience: { kind: 'chairmen', under: tree.orgs.terrA.id, levels: ['primary'] },
      }),
    );
    expect((await publish(t, tree.admin, survey.id)).invited).toBe(1);
    await tree.user('one-survey-chair-a1', 'viewer', tree.orgs.primaryA1.id);
    await tree.user('one-survey-chair-b1', 'editor', tree.orgs.primaryB1.id);
    const chairA1 = await t.login('one-survey-chair-a1');
    const mine = await t.api('GET', `/api/v1/surveys/assigned/${survey.id}`, { cookie: chairA1 });
    expect(mine.statusCode, mine.body).toBe(200);
    const list = (await t.api('GET', '/api/v1/surveys/assigned', { cookie: chairA1 })).json();
    expect(mine.json()).toEqual(list.items.find((s: { id: string }) => s.id === survey.id));
    expect(mine.json()).toMatchObject({ title: 'Опрос председателей по ссылке', answered: false });

    const chairB1 = await t.login('one-survey-chair-b1');
    const theirs = await t.api('GET', `/api/v1/surveys/assigned/${survey.id}`, {
      cookie: chairB1,
    });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().error.message).toBe('Опрос не найден');
    // A members' survey is no chairman's, even where the org's members are invited.
    const members = await createSurvey(t, tree.admin, surveyBody(tree.orgs.primaryA1.id));
    await publish(t, tree.admin, members.id);
    expect(
      (await t.api('GET', `/api/v1/surveys/assigned/${members.id}`, { cookie: chairA1 }))
        .statusCode,
    ).toBe(404);
  });
});
