import type { StaffAction } from '@profreestr/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { publishedSurvey, results, suppressedResults } from '../surveys/survey-test-data';
import { me, type Routes, renderApp, reply, stubServer } from '../test/app';
import { EDITOR, VIEWER } from '../test/fixtures';

const MANAGER: StaffAction[] = [...EDITOR, 'survey:read', 'survey:manage'];

const school3 = {
  org: suppressedResults.org,
  invited: 20,
  respondents: 3,
  responseRate: 15,
  suppressed: true,
};

function open(path: string, permissions: StaffAction[] = MANAGER, routes: Routes = {}) {
  const sent = stubServer({
    'GET /auth/me': me(permissions),
    'GET /surveys/5': publishedSurvey,
    'GET /surveys/5/results': (request) =>
      request.search.get('under') === '3' ? suppressedResults : results,
    'GET /surveys/5/results/children': (request) =>
      request.search.get('under')
        ? { items: [], nextCursor: null }
        : { items: [school3], nextCursor: null },
    'GET /surveys/5/results/texts': {
      items: [{ text: 'Нужен кондиционер', respondent: null }],
      nextCursor: null,
      suppressed: false,
    },
    ...routes,
  });
  renderApp(path);
  return sent;
}

describe('the survey’s results', () => {
  it('shows the response rate and a bar per option with its share', async () => {
    open('/surveys/5/results');
    const rate = await screen.findByRole('region', { name: 'Отклик' });
    expect(within(rate).getByText(/Ответили 617 из 1\s234 — 50,0\s%/)).toBeTruthy();
    const first = screen.getByRole('list', { name: 'Ответы на вопрос 1' });
    expect(within(first).getByRole('listitem', { name: 'Школа: 450' }).textContent).toMatch(
      /450 · 75,0\s%/,
    );
    expect(screen.getByText('Среднее: 4,1')).toBeTruthy();
  });

  it('says how many anonymous answers are not in the figures yet, and only then', async () => {
    open('/surveys/5/results', MANAGER, {
      'GET /surveys/5/results': { ...results, heldBack: 3 },
    });
    expect(await screen.findByRole('status', { name: /Ещё не в итогах: 3/ })).toBeTruthy();
  });

  it('says nothing of held answers when none are held', async () => {
    open('/surveys/5/results');
    await screen.findByRole('region', { name: 'Отклик' });
    expect(screen.queryByText(/Ещё не в итогах/)).toBeNull();
  });

  it('lists text answers on request', async () => {
    open('/surveys/5/results');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Показать ответы' }));
    expect(await screen.findByText('Нужен кондиционер')).toBeTruthy();
  });

  it('drills into an org below and hides the breakdown under 5 respondents', async () => {
    open('/surveys/5/results');
    const user = userEvent.setup();
    const table = await screen.findByRole('region', { name: 'По организациям' });
    expect(within(table).getByText('Меньше 5 ответивших — разбивка скрыта')).toBeTruthy();
    await user.click(within(table).getByRole('link', { name: 'Первичная организация школы № 3' }));
    expect(await screen.findByText(/Ответили 3 из 20 — 15,0\s%/)).toBeTruthy();
    expect(screen.getByText('Меньше 5 ответивших — разбивка скрыта')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Ответы на вопрос 1' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Показать ответы' })).toBeNull();
  });

  it('says clearly when a reminder was sent less than 12 hours ago (409)', async () => {
    open('/surveys/5/results', MANAGER, {
      'POST /surveys/5/remind': reply(409, {
        error: {
          code: 'conflict',
          message: 'Напоминание уже отправлено 05.03 10:00; следующее — не раньше 05.03 22:00',
          details: [],
        },
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Напомнить' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Напомнить пока нельзя.*следующее — не раньше 05\.03 22:00/);
  });

  it('shows a test’s scores: lowest, mean, highest and how many got each', async () => {
    open('/surveys/5/results', MANAGER, {
      'GET /surveys/5/results': {
        ...results,
        scores: { min: 0, mean: 1.5, max: 2, maxPossible: 2, distribution: { '0': 100, '2': 517 } },
      },
    });
    const scores = await screen.findByRole('region', { name: 'Баллы теста' });
    expect(within(scores).getByText('Наименьший 0, средний 1,5, наибольший 2 из 2')).toBeTruthy();
    expect(within(scores).getByRole('listitem', { name: '2: 517' })).toBeTruthy();
  });

  it('a survey the server says is not the caller’s: results and the file, no reminder', async () => {
    open('/surveys/5/results', [...VIEWER, 'survey:read'], {
      'GET /surveys/5': { ...publishedSurvey, allowed: { manage: false } },
    });
    expect(await screen.findByRole('button', { name: 'Скачать XLSX' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Напомнить' })).toBeNull();
  });
});
