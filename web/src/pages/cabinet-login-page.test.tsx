import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  cabinetMe,
  MEMBER_EMAIL,
  unauthenticated,
  virtualCard,
} from '../cabinet/cabinet-test-data';
import { renderApp, reply, stubServer } from '../test/app';

vi.mock('qrcode', () => {
  const toDataURL = async () => 'data:image/png;base64,AA==';
  return { toDataURL, default: { toDataURL } };
});

const WRONG_CODE = 'Неверный или устаревший код. Запросите новый код';

const cabinetRoutes = {
  'POST /cabinet/auth/code': reply(202, { message: 'Код отправлен' }),
  'POST /cabinet/auth/login': cabinetMe,
  'GET /cabinet/me': cabinetMe,
  'GET /cabinet/card': virtualCard,
};

beforeEach(() => localStorage.clear());

describe('signing in to the cabinet with a code from a letter', () => {
  it('asks a code for the e-mail of the link, takes the six digits and opens the card', async () => {
    const sent = stubServer(cabinetRoutes);
    renderApp(`/cabinet/login?email=${encodeURIComponent(MEMBER_EMAIL)}`);

    const email = await screen.findByLabelText('Электронная почта');
    expect((email as HTMLInputElement).value).toBe(MEMBER_EMAIL);
    await userEvent.click(screen.getByRole('button', { name: 'Получить код' }));

    expect(await screen.findByRole('heading', { name: 'Введите код из письма' })).toBeTruthy();
    // Anything but digits is dropped: a code pasted with a space still reads.
    await userEvent.type(screen.getByLabelText('Код из письма'), '123 456');
    await userEvent.click(screen.getByRole('button', { name: 'Войти' }));

    expect(await screen.findByRole('heading', { name: 'Мой профсоюзный билет' })).toBeTruthy();
    expect(window.location.pathname).toBe('/cabinet');
    expect(await screen.findByText('7700 0000 0000 0017')).toBeTruthy();
    expect(sent.filter((r) => r.method === 'POST').map((r) => [r.path, r.body])).toEqual([
      ['/cabinet/auth/code', { email: MEMBER_EMAIL }],
      ['/cabinet/auth/login', { email: MEMBER_EMAIL, code: '123456' }],
    ]);
  });

  it('a wrong code shows the server’s message under the code and stays on the step', async () => {
    stubServer({
      ...cabinetRoutes,
      'POST /cabinet/auth/login': reply(422, {
        error: {
          code: 'invalid',
          message: WRONG_CODE,
          details: [{ field: 'code', message: WRONG_CODE }],
        },
      }),
    });
    renderApp('/cabinet/login');
    await userEvent.type(await screen.findByLabelText('Электронная почта'), MEMBER_EMAIL);
    await userEvent.click(screen.getByRole('button', { name: 'Получить код' }));
    const code = await screen.findByLabelText('Код из письма');
    await userEvent.type(code, '000000');
    await userEvent.click(screen.getByRole('button', { name: 'Войти' }));

    expect(await screen.findByText(WRONG_CODE)).toBeTruthy();
    await waitFor(() => expect(code.getAttribute('aria-invalid')).toBe('true'));
    expect(window.location.pathname).toBe('/cabinet/login');
  });

  it('too many attempts (429) say how long to wait, in the server’s words', async () => {
    const message = 'Слишком много неудачных попыток. Повторите через 15 мин';
    stubServer({
      ...cabinetRoutes,
      'POST /cabinet/auth/login': reply(429, {
        error: { code: 'rate_limited', message, details: [] },
      }),
    });
    renderApp(`/cabinet/login?email=${MEMBER_EMAIL}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Получить код' }));
    await userEvent.type(await screen.findByLabelText('Код из письма'), '111111');
    await userEvent.click(screen.getByRole('button', { name: 'Войти' }));
    expect((await screen.findByRole('alert')).textContent).toContain(message);
  });

  it('sends nothing for an address that is not one', async () => {
    const sent = stubServer(cabinetRoutes);
    renderApp('/cabinet/login');
    await userEvent.type(await screen.findByLabelText('Электронная почта'), 'petrov');
    await userEvent.click(screen.getByRole('button', { name: 'Получить код' }));
    expect(await screen.findByText(/Введите адрес электронной почты полностью/)).toBeTruthy();
    expect(sent).toHaveLength(0);
  });

  it('offers joining the union to those not in it yet', async () => {
    stubServer({});
    renderApp('/cabinet/login');
    const link = await screen.findByRole('link', { name: 'Вступить в Профсоюз' });
    expect(link.getAttribute('href')).toBe('/join');
  });
});

describe('the cabinet without a session', () => {
  it('a 401 from the cabinet leads to the sign-in', async () => {
    stubServer({
      'GET /cabinet/me': reply(401, unauthenticated),
      'GET /cabinet/card': reply(401, unauthenticated),
    });
    renderApp('/cabinet');
    expect(await screen.findByRole('button', { name: 'Получить код' })).toBeTruthy();
    expect(window.location.pathname).toBe('/cabinet/login');
  });

  it('«Выйти» ends the session and forgets the card kept on the device', async () => {
    const sent = stubServer({
      ...cabinetRoutes,
      'POST /cabinet/auth/logout': reply(204),
    });
    renderApp('/cabinet');
    expect(await screen.findByText('7700 0000 0000 0017')).toBeTruthy();
    expect(localStorage.length).toBe(1);
    await userEvent.click(screen.getByRole('button', { name: 'Выйти' }));
    expect(await screen.findByRole('button', { name: 'Получить код' })).toBeTruthy();
    expect(sent.some((r) => r.method === 'POST' && r.path === '/cabinet/auth/logout')).toBe(true);
    expect(localStorage.length).toBe(0);
  });
});
