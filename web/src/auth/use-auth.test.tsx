import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { me, renderApp, reply, type SentRequest, stubServer } from '../test/app';
import { EDITOR, VIEWER } from '../test/fixtures';

const askedForMe = (sent: SentRequest[]) =>
  sent.filter((request) => request.method === 'GET' && request.path === '/auth/me').length;

describe('what the signed-in user may do', () => {
  it('after signing in, the app opens with the permissions /auth/me gives', async () => {
    let signedIn = false;
    const session = me(EDITOR);
    const sent = stubServer({
      'GET /auth/me': () =>
        signedIn
          ? session
          : reply(401, { error: { code: 'unauthenticated', message: 'Войдите', details: [] } }),
      'POST /auth/login': () => {
        signedIn = true;
        return { user: session.user };
      },
    });
    renderApp('/no-such-page');

    const form = await screen.findByRole('form', { name: 'Вход в систему' });
    await userEvent.type(within(form).getByLabelText('Логин'), 'ivanova');
    await userEvent.type(within(form).getByLabelText('Пароль'), 'пароль-для-теста');
    await userEvent.click(within(form).getByRole('button', { name: 'Войти' }));

    const nav = await screen.findByRole('navigation', { name: 'Основное меню' });
    expect(within(nav).getByRole('link', { name: 'Импорт' })).toBeTruthy();
    expect(window.location.pathname).toBe('/no-such-page');
    expect(askedForMe(sent)).toBe(2);
  });

  it('the security page reads the second factor from the same /auth/me answer', async () => {
    const sent = stubServer({
      'GET /auth/me': {
        ...me(VIEWER),
        mfa: { enabled: true, required: true, recoveryCodesLeft: 7 },
      },
    });
    renderApp('/account/security');
    expect(await screen.findByText('Резервных кодов осталось: 7')).toBeTruthy();
    expect(screen.getByText('обязателен для вашей роли')).toBeTruthy();
    await waitFor(() => expect(askedForMe(sent)).toBe(1));
  });
});
