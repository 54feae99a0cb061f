import type { Survey, SurveyResults } from '@profreestr/contracts';

// Answers of the fake server for the surveys' pages.

export const draftSurvey: Survey = {
  id: '5',
  title: 'Условия труда в школе',
  kind: 'survey',
  anonymous: true,
  audience: { kind: 'members', under: '1' },
  orgId: '1',
  orgName: 'Первичная организация школы № 1',
  questions: [
    { code: 'q1', text: 'Где вы работаете?', type: 'single', options: ['Школа', 'Детский сад'] },
    { code: 'q2', text: 'Насколько довольны?', type: 'scale', min: 1, max: 5 },
  ],
  opensAt: '2025-03-01T06:00:00.000Z',
  closesAt: '2025-03-15T15:00:00.000Z',
  status: 'draft',
  state: 'draft',
  audienceCount: 1234,
  invited: 0,
  respondents: 0,
  maxScore: null,
  createdAt: '2025-02-20T06:00:00.000Z',
  publishedAt: null,
  remindedAt: null,
  allowed: { manage: true },
};

export const publishedSurvey: Survey = {
  ...draftSurvey,
  status: 'published',
  state: 'open',
  invited: 1234,
  respondents: 617,
  publishedAt: '2025-02-21T06:00:00.000Z',
};

const region = {
  id: '1',
  code: '77',
  name: 'Региональная организация',
  level: 'regional' as const,
};

export const results: SurveyResults = {
  surveyId: '5',
  org: region,
  invited: 1234,
  respondents: 617,
  responseRate: 50,
  suppressed: false,
  individual: false,
  heldBack: 0,
  questions: [
    {
      code: 'q1',
      text: 'Где вы работаете?',
      type: 'single',
      answered: 600,
      counts: { Школа: 450, 'Детский сад': 150 },
      mean: null,
    },
    {
      code: 'q2',
      text: 'Насколько довольны?',
      type: 'scale',
      answered: 610,
      counts: { '1': 10, '2': 20, '3': 80, '4': 300, '5': 200 },
      mean: 4.1,
    },
    { code: 'q3', text: 'Комментарий', type: 'text', answered: 40, counts: null, mean: null },
  ],
  scores: null,
};

export const suppressedResults: SurveyResults = {
  ...results,
  org: { id: '3', code: '77-003', name: 'Первичная организация школы № 3', level: 'primary' },
  invited: 20,
  respondents: 3,
  responseRate: 15,
  suppressed: true,
  questions: results.questions.map((q) => ({ ...q, answered: null, counts: null, mean: null })),
};
