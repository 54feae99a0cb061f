import type { AssignedSurvey, StaffAction } from '@profreestr/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { draftSurvey, publishedSurvey } from '../surveys/survey-test-data';
import { me, renderApp, reply, stubServer } from '../test/app';
import { EDITOR, VIEWER } from '../test/fixtures';

const assigned: AssignedSurvey = {
  id: '6',
  title: 'Отчёт председателя о коллективном договоре',
  kind: 'survey',
  anonymous: false,
  opensAt: '2025-03-01T06:00:00.000Z',
  closesAt: '2099-03-15T15:00:00.000Z',
  state: 'open',
  answered: false,
  questions: [
    {
      code: 'has_agreement',
      text: 'Есть ли коллективный договор?',
      type: 'single',
      options: ['Да', 'Нет'],
    },
  ],
};

function open(path: string, permissions: StaffAction[] = [...VIEWER, 'survey:read']) {
  const sent = stubServer({
    'GET /auth/me': me(permissions),
    'GET /surveys/assigned': { items: [assigned], nextCursor: null },
    'GET /surveys/assigned/6': assigned,
    'GET /surveys': { items: [publishedSurvey, { ...draftSurvey, id: '4' }], nextCursor: null },
    'POST /surveys/6/responses': reply(201, { score: null, max: null }),
  });
  renderApp(path);
  return sent;
}

describe('the chairman’s surveys', () => {
  it('answers with the same form as a member, through /surveys/:id/responses', async () => {
    const sent = open('/surveys/assigned');
    const user = userEvent.setup();
    const list = await screen.findByRole('list', { name: 'Опросы для ответа' });
    await user.click(within(list).getByRole('link', { name: /коллективном договоре/ }));
    await user.click(await screen.findByRole('radio', { name: 'Да' }));
    await user.click(screen.getByRole('button', { name: 'Отправить ответы' }));
    expect(await screen.findByText('Ваши ответы приняты.')).toBeTruthy();
    expect(sent.find((r) => r.method === 'POST')).toMatchObject({
      path: '/surveys/6/responses',
      body: { answers: { has_agreement: 'Да' } },
    });
  });

  it('opens one survey by its address, asking the server for it alone', async () => {
    const sent = open('/surveys/assigned/6');
    expect(await screen.findByRole('radio', { name: 'Да' })).toBeTruthy();
    expect(sent.map((r) => r.path)).toContain('/surveys/assigned/6');
    expect(sent.map((r) => r.path)).not.toContain('/surveys/assigned');
  });

  it('a survey the org is not invited to (404) says so', async () => {
    open('/surveys/assigned/5');
    expect(
      await screen.findByText('Опрос не найден: возможно, председателя на него не приглашали.'),
    ).toBeTruthy();
  });
});

describe('the staff’s list of surveys', () => {
  it('shows the response rate of a published survey; a viewer gets no «Новый опрос»', async () => {
    open('/surveys');
    const list = await screen.findByRole('list', { name: 'Опросы' });
    expect(within(list).getByText(/Ответили 617 из 1\s234 \(50,0\s%\)/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Новый опрос' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Опросы и тесты' })).toBeTruthy();
  });

  it('without survey:read the menu has no «Опросы и тесты», only the chairman’s surveys', async () => {
    open('/surveys/assigned', VIEWER);
    expect(await screen.findByRole('link', { name: 'Опросы для председателя' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Опросы и тесты' })).toBeNull();
  });

  it('an editor may start a new survey', async () => {
    open('/surveys', [...EDITOR, 'survey:read', 'survey:manage']);
    expect(await screen.findByRole('link', { name: 'Новый опрос' })).toBeTruthy();
  });
});
