import type { StaffAction } from '@profreestr/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { draftSurvey, publishedSurvey } from '../surveys/survey-test-data';
import { me, type Routes, renderApp, reply, stubServer } from '../test/app';
import { EDITOR, primaryOrg } from '../test/fixtures';

const MANAGER: StaffAction[] = [...EDITOR, 'survey:read', 'survey:manage'];

function open(path: string, permissions: StaffAction[] = MANAGER, routes: Routes = {}) {
  const sent = stubServer({
    'GET /auth/me': me([...permissions]),
    'GET /orgs/1': primaryOrg,
    'GET /surveys/5': draftSurvey,
    ...routes,
  });
  renderApp(path);
  return sent;
}

describe('the survey builder', () => {
  it('shows the server’s refusal at the fields it names', async () => {
    open('/surveys/5', undefined, {
      'PATCH /surveys/5': reply(422, {
        error: {
          code: 'validation_failed',
          message: 'Проверьте поля',
          details: [
            { field: 'title', message: 'Название не длиннее 300 символов' },
            { field: 'questions.0.options.1', message: 'Вариант ответа повторяется: «Школа»' },
          ],
        },
      }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Сохранить' }));
    const title = screen.getByRole('textbox', { name: 'Название' });
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(await screen.findByText('Название не длиннее 300 символов')).toBeTruthy();
    const first = screen.getByRole('region', { name: 'Вопрос 1' });
    expect(within(first).getByText('Вариант ответа повторяется: «Школа»')).toBeTruthy();
  });

  it('checks a new survey in the browser and sends nothing while it is incomplete', async () => {
    const sent = open('/surveys/new');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Сохранить черновик' }));
    expect(await screen.findByText('Укажите название')).toBeTruthy();
    expect(screen.getByText('Напишите текст вопроса')).toBeTruthy();
    expect(sent.some((r) => r.method === 'POST')).toBe(false);
  });

  it('adds, reorders and removes questions', async () => {
    open('/surveys/5');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Добавить вопрос' }));
    expect(screen.getAllByRole('region', { name: /^Вопрос \d$/ })).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: 'Опустить вопрос 1' }));
    const second = screen.getByRole('region', { name: 'Вопрос 2' });
    expect(within(second).getByDisplayValue('Где вы работаете?')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Удалить вопрос 3' }));
    expect(screen.getAllByRole('region', { name: /^Вопрос \d$/ })).toHaveLength(2);
  });

  it('a test needs a right answer; the one marked is sent with its question', async () => {
    const sent = open('/surveys/5', MANAGER, {
      'PATCH /surveys/5': { ...draftSurvey, kind: 'test' },
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: 'Тест' }));
    await user.click(screen.getByRole('button', { name: 'Сохранить' }));
    expect(
      await screen.findByText('В тесте отметьте правильный ответ хотя бы у одного вопроса'),
    ).toBeTruthy();
    expect(sent.some((r) => r.method === 'PATCH')).toBe(false);

    const right = screen.getByRole('radiogroup', { name: 'Правильный ответ на вопрос 1' });
    await user.click(within(right).getByRole('radio', { name: 'Школа' }));
    await user.click(screen.getByRole('button', { name: 'Сохранить' }));
    await screen.findByText('Сохранено.');
    const body = sent.find((r) => r.method === 'PATCH')?.body as { questions: object[] };
    expect(body.questions[0]).toMatchObject({ code: 'q1', correct: 'Школа' });
    expect(body.questions[1]).not.toHaveProperty('correct');
  });

  it('previews the form as a phone shows it, with nothing to send', async () => {
    open('/surveys/5');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Предпросмотр на телефоне' }));
    const dialog = await screen.findByRole('dialog', { name: 'Так опрос увидят на телефоне' });
    expect(within(dialog).getByRole('radio', { name: 'Детский сад' })).toBeTruthy();
    expect(within(dialog).getByRole('radio', { name: '5' })).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Отправить ответы' })).toBeNull();
  });

  it('publishes after a confirmation that says how many are invited', async () => {
    const sent = open('/surveys/5', undefined, {
      'POST /surveys/5/publish': reply(202, { ...publishedSurvey, status: 'publishing' }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Опубликовать' }));
    const dialog = await screen.findByRole('dialog', { name: 'Опубликовать опрос?' });
    expect(within(dialog).getByText(/Приглашение получат 1\s234 человека/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: /Опубликовать для/ }));
    await screen.findByText('Публикуется');
    expect(sent.some((r) => r.method === 'POST' && r.path === '/surveys/5/publish')).toBe(true);
  });

  it('once published changes only the closing time', async () => {
    const sent = open('/surveys/5', undefined, {
      'GET /surveys/5': publishedSurvey,
      'PATCH /surveys/5': publishedSurvey,
    });
    const user = userEvent.setup();
    const title = await screen.findByRole('textbox', { name: 'Название' });
    expect((title as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Опубликовать' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Сохранить' }));
    await screen.findByText('Сохранено.');
    const patch = sent.find((r) => r.method === 'PATCH');
    expect(Object.keys(patch?.body as object)).toEqual(['closesAt']);
  });

  it('a survey the server says is not the caller’s: the questions, no builder, no publishing', async () => {
    // An editor of a region reads the centre's survey: their role manages surveys, not this one.
    open('/surveys/5', MANAGER, {
      'GET /surveys/5': { ...draftSurvey, allowed: { manage: false } },
    });
    expect(await screen.findByRole('form', { name: 'Предпросмотр' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Школа' })).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Название' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Опубликовать' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Сохранить/ })).toBeNull();
  });
});
