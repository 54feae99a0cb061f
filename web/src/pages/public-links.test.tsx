import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp, reply, stubServer } from '../test/app';

// A letter's links, opened without a session. Mail scanners open links: nothing may be asked
// before the reader presses the button.

const TOKEN = 'tok_0123456789abcdef';

const notFound = (message: string) =>
  reply(404, { error: { code: 'not_found', message, details: [] } });

describe('the unsubscribe page', () => {
  it('asks nothing until the button is pressed, then POSTs /unsubscribe?token=…', async () => {
    const sent = stubServer({ 'POST /unsubscribe': { unsubscribed: true } });
    renderApp(`/unsubscribe?token=${TOKEN}`);
    const button = await screen.findByRole('button', { name: 'Отписаться от рассылок' });
    expect(sent).toHaveLength(0);

    await userEvent.click(button);
    expect(await screen.findByText(/^Вы отписались от рассылок:/)).toBeTruthy();
    expect(sent.map((r) => [r.method, r.path, r.search.get('token')])).toEqual([
      ['POST', '/unsubscribe', TOKEN],
    ]);
    expect(screen.queryByRole('button', { name: 'Отписаться от рассылок' })).toBeNull();
  });

  it('says in Russian that an unknown link is invalid', async () => {
    stubServer({ 'POST /unsubscribe': notFound('Ссылка для отписки недействительна') });
    renderApp(`/unsubscribe?token=${TOKEN}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Отписаться от рассылок' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Ссылка для отписки недействительна');
  });

  it('a link without its token offers no button and asks nothing', async () => {
    const sent = stubServer({});
    renderApp('/unsubscribe');
    expect(await screen.findByText('Ссылка неполная')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Отписаться от рассылок' })).toBeNull();
    expect(sent).toHaveLength(0);
  });
});

describe('the e-mail confirmation page', () => {
  it('asks nothing until the button is pressed, then POSTs /email/confirm with the token', async () => {
    const sent = stubServer({ 'POST /email/confirm': { confirmed: true } });
    renderApp(`/email/confirm?token=${TOKEN}`);
    const button = await screen.findByRole('button', { name: 'Подтвердить адрес' });
    expect(sent).toHaveLength(0);

    await userEvent.click(button);
    expect(await screen.findByText('Адрес подтверждён')).toBeTruthy();
    expect(sent.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/email/confirm', { token: TOKEN }],
    ]);
  });

  it('says in Russian that an expired link is invalid', async () => {
    const message = 'Ссылка недействительна или устарела: попросите прислать письмо ещё раз';
    stubServer({ 'POST /email/confirm': notFound(message) });
    renderApp(`/email/confirm?token=${TOKEN}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Подтвердить адрес' }));
    expect((await screen.findByRole('alert')).textContent).toContain(message);
  });
});
