import type { Survey } from '@profreestr/contracts';
import { startMemberSession } from '../src/features/sessions/member-sessions.js';
import type { TestApp } from './test-app.js';
import { until } from './until.js';

// Surveys through the API as staff and respondents use them: a definition, publishing (waiting
// for its job), a member's cabinet session, an answer.

export const hourFromNow = (hours: number) =>
  new Date(Date.now() + hours * 3_600_000).toISOString();

/** A survey of every question type; `overrides` replace fields of the body. */
export function surveyBody(under: string, overrides: Record<string, unknown> = {}) {
  return {
    title: 'Условия труда педагогов',
    kind: 'survey',
    anonymous: true,
    audience: { kind: 'members', under },
    questions: [
      { code: 'load', text: 'Ваша нагрузка', type: 'single', options: ['Норма', 'Выше нормы'] },
      {
        code: 'issues',
        text: 'Что мешает работать',
        type: 'multiple',
        options: ['Отчёты', 'Зарплата', 'Оборудование'],
        required: false,
      },
      { code: 'mood', text: 'Удовлетворённость работой', type: 'scale', min: 1, max: 5 },
      { code: 'comment', text: 'Что предложите', type: 'text', required: false },
    ],
    opensAt: hourFromNow(-1),
    closesAt: hourFromNow(24 * 7),
    ...overrides,
  };
}

/** A test of three questions worth 1 + 2 + 1 points. */
export function testBody(under: string, overrides: Record<string, unknown> = {}) {
  return surveyBody(under, {
    title: 'Знание устава',
    kind: 'test',
    questions: [
      {
        code: 'year',
        text: 'Год основания Профсоюза',
        type: 'single',
        options: ['1990', '2000'],
        correct: '1990',
      },
      {
        code: 'bodies',
        text: 'Выборные органы первичной организации',
        type: 'multiple',
        options: ['Собрание', 'Профком', 'Дирекция'],
        correct: ['Собрание', 'Профком'],
        points: 2,
      },
      { code: 'term', text: 'Срок полномочий, лет', type: 'scale', min: 1, max: 10, correct: 5 },
      { code: 'why', text: 'Зачем вы в Профсоюзе', type: 'text', required: false },
    ],
    ...overrides,
  });
}

export async function createSurvey(t: TestApp, cookie: string, body: unknown): Promise<Survey> {
  const response = await t.api('POST', '/api/v1/surveys', { cookie, body });
  if (response.statusCode !== 201) {
    throw new Error(`survey: ${response.statusCode} ${response.body}`);
  }
  return response.json() as Survey;
}

/** Publishes and waits for the job to write the invited list. */
export async function publish(t: TestApp, cookie: string, id: string): Promise<Survey> {
  const response = await t.api('POST', `/api/v1/surveys/${id}/publish`, { cookie });
  if (response.statusCode !== 202) {
    throw new Error(`publish: ${response.statusCode} ${response.body}`);
  }
  return until(
    async () => (await t.api('GET', `/api/v1/surveys/${id}`, { cookie })).json() as Survey,
    (s) => s.status === 'published',
  );
}

/** A cabinet session of the member, as signing in with a code would give. */
export async function memberCookie(t: TestApp, memberId: string) {
  const meta = { ip: '203.0.113.7', userAgent: 'Тестовый телефон', now: new Date() };
  const { token } = await startMemberSession(t.database.db, memberId, meta);
  return `prf_member=${token}`;
}

export const answerAsMember = (t: TestApp, cookie: string, id: string, answers: unknown) =>
  t.api('POST', `/api/v1/cabinet/surveys/${id}/responses`, { cookie, body: { answers } });
