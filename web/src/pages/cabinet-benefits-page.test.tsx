import type { Benefit, OwnAidRequest } from '@profreestr/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { cabinetMe, virtualCard } from '../cabinet/cabinet-test-data';
import { type Routes, renderApp, reply, type SentRequest, stubServer } from '../test/app';

const benefit = (id: string, more: Partial<Benefit> = {}): Benefit => ({
  id,
  orgId: '1',
  orgName: 'Первичная организация школы № 1',
  title: 'Материальная помощь на лечение',
  description: 'Единовременная выплата',
  kind: 'payment',
  conditions: 'Стаж в Профсоюзе от года',
  activeFrom: '2025-01-01',
  activeTo: '2025-12-31',
  active: true,
  ...more,
});

const offered = [
  benefit('5'),
  benefit('6', {
    title: 'Путёвка в санаторий',
    kind: 'voucher',
    orgName: 'Региональная организация',
    activeTo: null,
  }),
];

const own = (id: string, more: Partial<OwnAidRequest> = {}): OwnAidRequest => ({
  id,
  status: 'approved',
  benefit: {
    id: '7',
    title: 'Компенсация за детский лагерь',
    kind: 'payment',
    orgId: '1',
    orgName: 'Первичная организация школы № 1',
  },
  text: 'Прошу компенсировать путёвку сына',
  amount: 20000,
  amountGranted: 15000.5,
  comment: 'Половина стоимости',
  createdAt: '2025-02-01T09:00:00.000Z',
  decidedAt: '2025-02-10T09:00:00.000Z',
  ...more,
});

function open(routes: Routes = {}) {
  const sent = stubServer({
    'GET /cabinet/me': cabinetMe,
    'GET /cabinet/card': virtualCard,
    'GET /cabinet/benefits': { items: offered },
    'GET /cabinet/aid-requests': { items: [own('1')], nextCursor: null },
    ...routes,
  });
  renderApp('/cabinet/benefits');
  return sent;
}

beforeEach(() => localStorage.clear());

const offer = async (name: string) => {
  const list = await screen.findByRole('list', { name: 'Льготы для меня' });
  return within(within(list).getByRole('listitem', { name }));
};

describe('the cabinet’s benefits and aid', () => {
  it('lists what the org and its ancestors offer today, with their conditions', async () => {
    open();
    const payment = await offer('Материальная помощь на лечение');
    expect(payment.getByText('Выплата')).toBeTruthy();
    expect(payment.getByText(/до 31\.12\.2025 включительно/)).toBeTruthy();
    expect(payment.getByText(/Стаж в Профсоюзе от года/)).toBeTruthy();
    const voucher = await offer('Путёвка в санаторий');
    expect(voucher.getByText('Предлагает: Региональная организация')).toBeTruthy();
  });

  it('«Мои заявления» show the status, the sum granted and the decision’s comment', async () => {
    open();
    const list = await screen.findByRole('list', { name: 'Мои заявления' });
    const item = within(within(list).getByRole('listitem'));
    expect(item.getByText('Одобрено')).toBeTruthy();
    expect(item.getByText('Назначено: 15 000,50 ₽')).toBeTruthy();
    expect(item.getByText(/Половина стоимости/)).toBeTruthy();
  });

  it('the request form sends roubles and the new request shows in «Мои заявления»', async () => {
    const mine: OwnAidRequest[] = [];
    const sent = open({
      'POST /cabinet/aid-requests': (request: SentRequest) => {
        const body = request.body as { benefitId: string; text: string; amount: number };
        mine.unshift(
          own('2', {
            status: 'submitted',
            benefit: { ...own('2').benefit, id: body.benefitId, title: offered[0]?.title ?? '' },
            text: body.text,
            amount: body.amount,
            amountGranted: null,
            comment: null,
            decidedAt: null,
          }),
        );
        return reply(201, { id: '2', status: 'submitted' });
      },
      'GET /cabinet/aid-requests': () => ({ items: mine, nextCursor: null }),
    });
    const payment = await offer('Материальная помощь на лечение');
    await userEvent.click(payment.getByRole('button', { name: 'Подать заявление' }));
    const form = within(await screen.findByRole('dialog', { name: 'Заявление на помощь' }));
    await userEvent.type(form.getByLabelText(/Сумма/), '0,001');
    await userEvent.click(form.getByRole('button', { name: 'Отправить заявление' }));
    expect(await form.findByText('Заполните поле')).toBeTruthy();
    expect(form.getByText('Сумма: не больше двух знаков после запятой (копейки)')).toBeTruthy();
    expect(sent.some((r) => r.method === 'POST')).toBe(false);

    await userEvent.type(form.getByLabelText(/Что вам нужно/), 'Нужна операция');
    await userEvent.clear(form.getByLabelText(/Сумма/));
    await userEvent.type(form.getByLabelText(/Сумма/), '15 000,50');
    await userEvent.click(form.getByRole('button', { name: 'Отправить заявление' }));
    expect(
      await screen.findByText(/Заявление «Материальная помощь на лечение» отправлено/),
    ).toBeTruthy();
    expect(sent.find((r) => r.method === 'POST')?.body).toEqual({
      benefitId: '5',
      text: 'Нужна операция',
      amount: 15000.5,
    });
    const list = await screen.findByRole('list', { name: 'Мои заявления' });
    const item = within(within(list).getByRole('listitem'));
    expect(item.getByText('На рассмотрении')).toBeTruthy();
    expect(item.getByText('Просили: 15 000,50 ₽')).toBeTruthy();
    // While it waits, no second request for the same benefit is offered.
    await waitFor(() =>
      expect(payment.queryByRole('button', { name: 'Подать заявление' })).toBeNull(),
    );
    expect(payment.getByText('Ваше заявление на рассмотрении.')).toBeTruthy();
  });

  it('the server’s refusal of the benefit is said above the form', async () => {
    const message = 'Льгота сейчас не действует: действовала по 01.03.2025';
    open({
      'POST /cabinet/aid-requests': reply(422, {
        error: { code: 'invalid', message, details: [{ field: 'benefitId', message }] },
      }),
    });
    const voucher = await offer('Путёвка в санаторий');
    await userEvent.click(voucher.getByRole('button', { name: 'Подать заявление' }));
    const form = within(await screen.findByRole('dialog', { name: 'Заявление на помощь' }));
    await userEvent.type(form.getByLabelText(/Что вам нужно/), 'Хочу в санаторий');
    await userEvent.click(form.getByRole('button', { name: 'Отправить заявление' }));
    const alert = await form.findByRole('alert');
    expect(alert.textContent).toContain(message);
  });

  it('with nothing offered and nothing asked it says so', async () => {
    open({
      'GET /cabinet/benefits': { items: [] },
      'GET /cabinet/aid-requests': { items: [], nextCursor: null },
    });
    expect(
      await screen.findByText('Сейчас ваша профсоюзная организация не предлагает льгот.'),
    ).toBeTruthy();
    expect(await screen.findByText('Вы ещё не подавали заявлений.')).toBeTruthy();
  });
});
