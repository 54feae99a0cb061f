import type { AssignedSurvey } from '@profreestr/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { cabinetMe, virtualCard } from '../cabinet/cabinet-test-data';
import { type Routes, renderApp, reply, stubServer } from '../test/app';

const survey = (id: string, more: Partial<AssignedSurvey> = {}): AssignedSurvey => ({
  id,
  title: 'Условия труда в школе',
  kind: 'survey',
  anonymous: true,
  opensAt: '2025-03-01T06:00:00.000Z',
  closesAt: '2099-03-15T15:00:00.000Z',
  state: 'open',
  answered: false,
  questions: [
    { code: 'q1', text: 'Где вы работаете?', type: 'single', options: ['Школа', 'Детский сад'] },
    { code: 'q2', text: 'Что улучшить?', type: 'multiple', options: ['Зарплату', 'Отдых'] },
    { code: 'q3', text: 'Насколько довольны?', type: 'scale', min: 0, max: 100 },
    { code: 'q4', text: 'Комментарий', type: 'text', required: false },
  ],
  ...more,
});

const quiz = survey('8', {
  title: 'Тест по охране труда',
  kind: 'test',
  anonymous: false,
  questions: [
    { code: 'a', text: 'Кто отвечает за охрану труда?', type: 'single', options: ['Все', 'Никто'] },
    { code: 'b', text: 'Оценка инструктажа', type: 'scale', min: 1, max: 5 },
  ],
});

const answeredLastYear = survey('9', { title: 'Прошлогодний', answered: true });

function open(path: string, routes: Routes = {}) {
  const sent = stubServer({
    'GET /cabinet/me': cabinetMe,
    'GET /cabinet/card': virtualCard,
    'GET /cabinet/surveys': { items: [survey('7'), quiz, answeredLastYear], nextCursor: null },
    'GET /cabinet/surveys/7': survey('7'),
    'GET /cabinet/surveys/8': quiz,
    'GET /cabinet/surveys/9': answeredLastYear,
    ...routes,
  });
  renderApp(path);
  return sent;
}

beforeEach(() => localStorage.clear());

describe('the cabinet’s surveys', () => {
  it('lists the invitations, those waiting for an answer first', async () => {
    open('/cabinet/surveys');
    const list = await screen.findByRole('list', { name: 'Мои опросы' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('aria-label'))).toEqual([
      'Условия труда в школе',
      'Тест по охране труда',
      'Прошлогодний',
    ]);
    expect(within(items[2] as HTMLElement).getByText('Вы ответили')).toBeTruthy();
  });

  it('takes one option of a single-choice question and refuses a scale mark out of range before sending', async () => {
    const sent = open('/cabinet/surveys/7', {
      'POST /cabinet/surveys/7/responses': reply(201, { score: null, max: null }),
    });
    const user = userEvent.setup();
    const school = await screen.findByRole('radio', { name: 'Школа' });
    const kindergarten = screen.getByRole('radio', { name: 'Детский сад' });
    await user.click(school);
    await user.click(kindergarten);
    expect((school as HTMLInputElement).checked).toBe(false);
    expect((kindergarten as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: 'Отдых' }));
    await user.type(screen.getByRole('textbox', { name: /Насколько довольны/ }), '150');
    await user.click(screen.getByRole('button', { name: 'Отправить ответы' }));

    expect(await screen.findByText('Оценка — целое число от 0 до 100')).toBeTruthy();
    expect(sent.some((r) => r.method === 'POST')).toBe(false);

    const scale = screen.getByRole('textbox', { name: /Насколько довольны/ });
    await user.clear(scale);
    await user.type(scale, '80');
    await user.click(screen.getByRole('button', { name: 'Отправить ответы' }));
    expect(await screen.findByText('Ваши ответы приняты.')).toBeTruthy();
    expect(sent.find((r) => r.method === 'POST')?.body).toEqual({
      answers: { q1: 'Детский сад', q2: ['Отдых'], q3: 80 },
    });
  });

  it('names an unanswered required question and sends nothing', async () => {
    const sent = open('/cabinet/surveys/7');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Отправить ответы' }));
    expect((await screen.findAllByText('Ответьте на этот вопрос')).length).toBe(3);
    expect(sent.some((r) => r.method === 'POST')).toBe(false);
  });

  it('shows a test’s score right after the answer', async () => {
    open('/cabinet/surveys/8', {
      'POST /cabinet/surveys/8/responses': reply(201, { score: 1, max: 2 }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: 'Все' }));
    await user.click(screen.getByRole('radio', { name: '4' }));
    await user.click(screen.getByRole('button', { name: 'Отправить ответы' }));
    expect(await screen.findByText('Ваш результат: 1 / 2')).toBeTruthy();
  });

  it('says clearly that a second answer is refused (409)', async () => {
    open('/cabinet/surveys/8', {
      'POST /cabinet/surveys/8/responses': reply(409, {
        error: {
          code: 'conflict',
          message: 'Вы уже ответили на этот опрос: ответ принимается один раз',
          details: [],
        },
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: 'Никто' }));
    await user.click(screen.getByRole('radio', { name: '5' }));
    await user.click(screen.getByRole('button', { name: 'Отправить ответы' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Вы уже ответили на этот опрос/);
  });

  it('shows a closed survey without the form', async () => {
    open('/cabinet/surveys/7', { 'GET /cabinet/surveys/7': survey('7', { state: 'closed' }) });
    expect(await screen.findByText('Ответы больше не принимаются.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Отправить ответы' })).toBeNull();
  });

  it('asks the server for the one survey, not the list; not invited (404) says so', async () => {
    const sent = open('/cabinet/surveys/5');
    expect(
      await screen.findByText('Опрос не найден: возможно, вас на него не приглашали.'),
    ).toBeTruthy();
    expect(sent.map((r) => r.path)).toContain('/cabinet/surveys/5');
    expect(sent.map((r) => r.path)).not.toContain('/cabinet/surveys');
  });
});
