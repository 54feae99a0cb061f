import type { Partner, Purchase, StaffAction } from '@profreestr/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { me, type Routes, renderApp, stubServer } from '../test/app';
import { ADMIN } from '../test/fixtures';

const MANAGING: StaffAction[] = [...ADMIN, 'bonus:read', 'partner:manage'];
const KEY = 'pk_live_3f9a8c7d6e5b4a39281706f5e4d3c2b1';

const partner: Partner = {
  id: '4',
  name: 'Аптека «Здоровье»',
  cashbackPercent: 3.5,
  rates: [
    { cashbackPercent: 3.5, from: '2025-03-01' },
    { cashbackPercent: 2, from: '2025-01-01' },
  ],
  keyPrefix: 'pk_live_3f9a',
  keyCreatedAt: '2025-01-01T09:00:00.000Z',
  createdAt: '2025-01-01T09:00:00.000Z',
  purchases: 1250,
};

const purchase: Purchase = {
  id: '70',
  externalId: 'chk-0001',
  cardNumber: '•••• 0017',
  amount: 123456,
  cashback: 4321,
  cashbackPercent: 3.5,
  status: 'pending',
  purchasedAt: '2025-03-05T12:00:00.000Z',
  confirmedAt: null,
  cancelledAt: null,
};

function open(path: string, routes: Routes = {}, permissions = MANAGING) {
  const sent = stubServer({
    'GET /auth/me': me(permissions),
    'GET /applications/count': { submitted: 0 },
    'GET /partners': { items: [partner] },
    'GET /partners/4': partner,
    'GET /partners/4/purchases': { items: [purchase], nextCursor: 'next' },
    ...routes,
  });
  renderApp(path);
  return sent;
}

describe('the partners page', () => {
  it('lists partners with their rate and key state', async () => {
    open('/partners');
    const list = await screen.findByRole('list', { name: 'Партнёры' });
    const item = within(within(list).getByRole('listitem'));
    expect(item.getByRole('link', { name: 'Аптека «Здоровье»' }).getAttribute('href')).toBe(
      '/partners/4',
    );
    expect(item.getByText('Ключ действует')).toBeTruthy();
    expect(item.getByText('Кэшбэк 3,5 % · покупок: 1 250')).toBeTruthy();
  });

  it('adds a partner and shows its key once', async () => {
    const created = { ...partner, id: '5', name: 'Книжный', cashbackPercent: 5, purchases: 0 };
    const sent = open('/partners', {
      'POST /partners': { partner: created, apiKey: KEY },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Добавить партнёра' }));
    const form = within(await screen.findByRole('dialog', { name: 'Новый партнёр' }));
    await userEvent.type(form.getByLabelText(/Название/), 'Книжный');
    await userEvent.type(form.getByLabelText(/Кэшбэк/), '150');
    await userEvent.click(form.getByRole('button', { name: 'Добавить' }));
    expect(await form.findByText('Процент кэшбэка: не больше 100')).toBeTruthy();
    expect(sent.some((r) => r.method === 'POST')).toBe(false);

    await userEvent.clear(form.getByLabelText(/Кэшбэк/));
    await userEvent.type(form.getByLabelText(/Кэшбэк/), '5,25');
    await userEvent.click(form.getByRole('button', { name: 'Добавить' }));

    const dialog = within(await screen.findByRole('dialog', { name: 'Ключ API партнёра' }));
    expect(sent.find((r) => r.method === 'POST')?.body).toEqual({
      name: 'Книжный',
      cashbackPercent: 5.25,
    });
    expect(dialog.getByText(KEY)).toBeTruthy();
    expect(dialog.getByText('Ключ показан один раз')).toBeTruthy();
    expect(dialog.getByRole('button', { name: 'Скопировать ключ' })).toBeTruthy();

    await userEvent.click(dialog.getByRole('button', { name: 'Я сохранил ключ' }));
    await waitFor(() => expect(screen.queryByText(KEY)).toBeNull());
  });

  it('without partner:manage there is nothing to manage', async () => {
    const sent = open('/partners', {}, ADMIN);
    expect(await screen.findByText('У вас нет права управлять партнёрами.')).toBeTruthy();
    expect(sent.some((r) => r.path === '/partners')).toBe(false);
  });
});

describe('a partner’s page', () => {
  it('shows the rate history and the purchases with «Показать ещё»', async () => {
    const sent = open('/partners/4');
    expect(await screen.findByRole('heading', { name: 'Аптека «Здоровье»' })).toBeTruthy();
    const rates = screen.getByRole('table', { name: 'История ставок' });
    expect(within(rates).getByText('01.03.2025')).toBeTruthy();
    expect(within(rates).getByText('2 %')).toBeTruthy();
    const purchases = await screen.findByRole('list', { name: 'Покупки партнёра' });
    expect(within(purchases).getByText('1 234,56 ₽')).toBeTruthy();
    expect(within(purchases).getByText('Ожидает подтверждения')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Показать ещё' }));
    await waitFor(() =>
      expect(
        sent.some((r) => r.path === '/partners/4/purchases' && r.search.get('cursor') === 'next'),
      ).toBe(true),
    );
  });

  it('a new rate from a day is sent as a number and a date', async () => {
    const sent = open('/partners/4', { 'POST /partners/4/rates': partner });
    await userEvent.click(await screen.findByRole('button', { name: 'Изменить ставку' }));
    const form = within(await screen.findByRole('dialog', { name: 'Новая ставка' }));
    await userEvent.type(form.getByLabelText(/Кэшбэк/), '4');
    await userEvent.type(form.getByLabelText(/Действует с/), '01.04.2025');
    await userEvent.click(form.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() =>
      expect(sent.find((r) => r.path === '/partners/4/rates')?.body).toEqual({
        cashbackPercent: 4,
        from: '2025-04-01',
      }),
    );
  });

  it('rotating the key asks first, then shows the new key once', async () => {
    const sent = open('/partners/4', {
      'POST /partners/4/key': { partner: { ...partner, keyPrefix: 'pk_live_aaaa' }, apiKey: KEY },
    });
    expect(await screen.findByText('pk_live_3f9a…')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Выпустить новый ключ' }));
    const confirm = within(await screen.findByRole('dialog', { name: 'Новый ключ' }));
    expect(confirm.getByText(/Прежний ключ сразу перестанет действовать/)).toBeTruthy();
    expect(sent.some((r) => r.method === 'POST')).toBe(false);
    await userEvent.click(confirm.getByRole('button', { name: 'Выпустить' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Ключ API партнёра' }));
    expect(dialog.getByText(KEY)).toBeTruthy();
    expect(await screen.findByText('pk_live_aaaa…')).toBeTruthy();
  });

  it('revoking the key asks first and leaves the partner without a key', async () => {
    const sent = open('/partners/4', {
      'DELETE /partners/4/key': { ...partner, keyPrefix: null, keyCreatedAt: null },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Отозвать ключ' }));
    const confirm = within(await screen.findByRole('dialog', { name: 'Отозвать ключ' }));
    await userEvent.click(confirm.getByRole('button', { name: 'Отозвать' }));
    expect(await screen.findByText('Ключ отозван.')).toBeTruthy();
    expect(screen.getByText(/Ключа нет/)).toBeTruthy();
    expect(sent.some((r) => r.method === 'DELETE' && r.path === '/partners/4/key')).toBe(true);
  });
});
