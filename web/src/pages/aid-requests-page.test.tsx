import type { AidRequest, StaffAction } from '@profreestr/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { me, type Routes, renderApp, reply, stubServer } from '../test/app';
import { EDITOR, primaryOrg, VIEWER } from '../test/fixtures';

// Permission sets as the server's policy gives them (access.ts): data, not a rule of the web.
const READING: StaffAction[] = [...VIEWER, 'benefit:read', 'aid:read'];
const DECIDING: StaffAction[] = [
  ...EDITOR,
  'benefit:read',
  'benefit:manage',
  'aid:read',
  'aid:decide',
];

const request = (id: string, more: Partial<AidRequest> = {}): AidRequest => ({
  id,
  status: 'submitted',
  benefit: {
    id: '5',
    title: 'Материальная помощь на лечение',
    kind: 'payment',
    orgId: '1',
    orgName: 'Региональная организация',
  },
  member: {
    id: '7',
    name: 'Петров Сергей Иванович',
    cardNumber: '7700000000000017',
    orgId: '1',
    orgName: 'Первичная организация школы № 1',
  },
  text: 'Прошу помочь с оплатой операции',
  amount: 15000.5,
  amountGranted: null,
  comment: null,
  createdAt: '2025-03-05T09:00:00.000Z',
  decidedAt: null,
  decidedBy: null,
  allowed: { decide: true },
  ...more,
});

const decided = request('11', {
  status: 'rejected',
  member: { ...request('11').member, id: '8', name: 'Сидорова Анна' },
  amount: null,
  comment: 'Нет подтверждающих документов',
  decidedAt: '2025-03-06T09:00:00.000Z',
  decidedBy: 'ivanova',
  allowed: { decide: false },
});

function open(routes: Routes = {}, permissions: readonly StaffAction[] = DECIDING) {
  const sent = stubServer({
    'GET /auth/me': me(permissions),
    'GET /applications/count': { submitted: 0 },
    'GET /orgs/1': { ...primaryOrg, level: 'regional', name: 'Региональная организация' },
    'GET /aid-requests': { items: [request('12'), decided], nextCursor: null },
    ...routes,
  });
  renderApp('/aid-requests');
  return sent;
}

const card = async (name: RegExp) => {
  const list = await screen.findByRole('list', { name: 'Обращения за помощью' });
  return within(within(list).getByRole('listitem', { name }));
};

describe('the aid requests queue', () => {
  it('shows each request: the member, the benefit, the text, the amounts and the decision', async () => {
    open();
    const waiting = await card(/^Петров/);
    expect(waiting.getByRole('link', { name: 'Петров Сергей Иванович' }).getAttribute('href')).toBe(
      '/members/7',
    );
    expect(waiting.getByText('На рассмотрении')).toBeTruthy();
    expect(waiting.getByText(/Прошу помочь с оплатой операции/)).toBeTruthy();
    expect(waiting.getByText('Запрошено: 15 000,50 ₽')).toBeTruthy();
    expect(waiting.getByText('Материальная помощь на лечение')).toBeTruthy();
    const rejected = await card(/^Сидорова/);
    expect(rejected.getByText('Отказано')).toBeTruthy();
    expect(rejected.getByText(/Нет подтверждающих документов/)).toBeTruthy();
    expect(rejected.getByText(/ivanova/)).toBeTruthy();
  });

  it('offers a decision only where the server allows it', async () => {
    open();
    const waiting = await card(/^Петров/);
    expect(waiting.getByRole('button', { name: 'Одобрить' })).toBeTruthy();
    const rejected = await card(/^Сидорова/);
    expect(rejected.queryByRole('button', { name: /Одобрить|Отказать/ })).toBeNull();
  });

  it('a viewer (a chairman watching his members) sees the requests and no decision controls', async () => {
    open(
      {
        'GET /aid-requests': {
          items: [request('12', { allowed: { decide: false } })],
          nextCursor: null,
        },
      },
      READING,
    );
    const waiting = await card(/^Петров/);
    expect(waiting.getByText('На рассмотрении')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Одобрить|Отказать/ })).toBeNull();
  });

  it('filters by status through the URL and the request', async () => {
    const sent = open();
    await card(/^Петров/);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Статус' }), 'approved');
    await waitFor(() =>
      expect(
        sent.some((r) => r.path === '/aid-requests' && r.search.get('status') === 'approved'),
      ).toBe(true),
    );
    expect(window.location.search).toBe('?status=approved');
  });

  it('approves with the amount granted, typed in roubles with kopecks', async () => {
    const sent = open({
      'POST /aid-requests/12/decide': request('12', {
        status: 'approved',
        amountGranted: 12000.5,
        allowed: { decide: false },
      }),
    });
    await userEvent.click((await card(/^Петров/)).getByRole('button', { name: 'Одобрить' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Одобрить обращение' }));
    const amount = dialog.getByLabelText(/Назначенная сумма/) as HTMLInputElement;
    // What was asked for is offered first.
    expect(amount.value).toBe('15000,50');
    await userEvent.clear(amount);
    await userEvent.type(amount, '12 000,5');
    await userEvent.click(dialog.getByRole('button', { name: 'Одобрить' }));
    expect(
      await screen.findByText('Обращение одобрено: Петров Сергей Иванович, назначено 12 000,50 ₽.'),
    ).toBeTruthy();
    expect(sent.find((r) => r.method === 'POST')?.body).toEqual({
      decision: 'approved',
      amount: 12000.5,
      comment: null,
    });
  });

  it('a refusal needs its reason before anything is sent', async () => {
    const sent = open({
      'POST /aid-requests/12/decide': request('12', { status: 'rejected', comment: 'Нет справки' }),
    });
    await userEvent.click((await card(/^Петров/)).getByRole('button', { name: 'Отказать' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Отказать в помощи' }));
    expect(dialog.queryByLabelText(/Назначенная сумма/)).toBeNull();
    await userEvent.click(dialog.getByRole('button', { name: 'Отказать' }));
    expect(await dialog.findByText('Укажите причину отказа')).toBeTruthy();
    expect(sent.some((r) => r.method === 'POST')).toBe(false);

    await userEvent.type(dialog.getByLabelText(/Причина отказа/), 'Нет справки');
    await userEvent.click(dialog.getByRole('button', { name: 'Отказать' }));
    expect(await screen.findByText('В помощи отказано: Петров Сергей Иванович.')).toBeTruthy();
    expect(sent.find((r) => r.method === 'POST')?.body).toEqual({
      decision: 'rejected',
      amount: null,
      comment: 'Нет справки',
    });
  });

  it('a request decided meanwhile (409) is said plainly and the queue is asked again', async () => {
    const message = 'По обращению уже принято решение';
    const sent = open({
      'POST /aid-requests/12/decide': reply(409, {
        error: { code: 'conflict', message, details: [] },
      }),
    });
    await userEvent.click((await card(/^Петров/)).getByRole('button', { name: 'Одобрить' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Одобрить обращение' }));
    const lists = () => sent.filter((r) => r.path === '/aid-requests').length;
    const before = lists();
    await userEvent.click(dialog.getByRole('button', { name: 'Одобрить' }));
    expect(await dialog.findByText('Решение уже принято')).toBeTruthy();
    expect(dialog.getByText(new RegExp(message))).toBeTruthy();
    expect(dialog.queryByRole('button', { name: 'Одобрить' })).toBeNull();
    await waitFor(() => expect(lists()).toBeGreaterThan(before));
  });

  it('the server’s word on the amount comes back under it', async () => {
    open({
      'POST /aid-requests/12/decide': reply(422, {
        error: {
          code: 'invalid',
          message: 'Укажите назначенную сумму выплаты',
          details: [{ field: 'amount', message: 'Укажите назначенную сумму выплаты' }],
        },
      }),
    });
    await userEvent.click((await card(/^Петров/)).getByRole('button', { name: 'Одобрить' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Одобрить обращение' }));
    await userEvent.clear(dialog.getByLabelText(/Назначенная сумма/));
    await userEvent.click(dialog.getByRole('button', { name: 'Одобрить' }));
    expect(await dialog.findByText('Укажите назначенную сумму выплаты')).toBeTruthy();
  });

  it('without aid:read nothing is asked', async () => {
    const sent = open({}, VIEWER);
    expect(await screen.findByText('У вас нет права смотреть обращения за помощью.')).toBeTruthy();
    expect(sent.some((r) => r.path === '/aid-requests')).toBe(false);
  });
});
