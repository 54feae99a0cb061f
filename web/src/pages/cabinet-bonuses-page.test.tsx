import type { CabinetBonuses, OwnCards } from '@profreestr/contracts';
import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Routes, renderApp, stubServer } from '../test/app';

const bonuses: CabinetBonuses = {
  pending: 12_345,
  confirmed: 123_456_78,
  items: [
    {
      partner: 'Аптека «Здоровье»',
      amount: 250_000,
      cashback: 8_750,
      status: 'pending',
      purchasedAt: '2025-03-05T12:00:00.000Z',
    },
    {
      partner: 'Книжный',
      amount: 100_000,
      cashback: 5_000,
      status: 'cancelled',
      purchasedAt: '2025-02-01T12:00:00.000Z',
    },
  ],
};

const ownCards: OwnCards = {
  cardNumber: '7700000000000017',
  status: 'active',
  items: [
    {
      id: '31',
      kind: 'plastic',
      status: 'issued',
      batchId: '5',
      orderedOn: '2025-01-10',
      producedOn: '2025-02-01',
      deliveredOn: '2025-02-20',
      issuedOn: '2025-03-01',
      blockedOn: null,
      blockReason: null,
    },
  ],
};

function open(routes: Routes = {}) {
  stubServer({ 'GET /cabinet/bonuses': bonuses, 'GET /cabinet/cards': ownCards, ...routes });
  renderApp('/cabinet/bonuses');
}

beforeEach(() => localStorage.clear());

describe('the cabinet’s bonuses', () => {
  it('shows the waiting and confirmed cashback in roubles and kopecks', async () => {
    open();
    const sums = within(await screen.findByRole('region', { name: 'Кэшбэк' }));
    expect(sums.getByText('Ожидает подтверждения')).toBeTruthy();
    expect(sums.getByText('123,45 ₽')).toBeTruthy();
    expect(sums.getByText('Подтверждено')).toBeTruthy();
    expect(sums.getByText('123 456,78 ₽')).toBeTruthy();
  });

  it('lists the purchases with their partner, sums and status', async () => {
    open();
    const list = await screen.findByRole('list', { name: 'Мои покупки' });
    const [first, second] = within(list).getAllByRole('listitem');
    expect(first?.textContent).toContain('Аптека «Здоровье»');
    expect(
      within(first as HTMLElement).getByText('Покупка 2 500,00 ₽ · кэшбэк 87,50 ₽'),
    ).toBeTruthy();
    expect(within(first as HTMLElement).getByText('Ожидает подтверждения')).toBeTruthy();
    expect(within(second as HTMLElement).getByText('Отменена')).toBeTruthy();
  });

  it('links to the consent that joins and leaves the programme', async () => {
    open();
    const link = await screen.findByRole('link', { name: '«Мои согласия»' });
    expect(link.getAttribute('href')).toBe('/cabinet/data#cabinet-consents');
  });

  it('lists the carriers of the number with where each one is', async () => {
    open();
    const cards = await screen.findByRole('list', { name: 'Мои карты' });
    expect(within(cards).getByText('Пластиковая карта')).toBeTruthy();
    expect(within(cards).getByText('Выдана 01.03.2025')).toBeTruthy();
  });

  it('a member holding no carrier yet sees no carriers list', async () => {
    open({ 'GET /cabinet/cards': { ...ownCards, items: [] } });
    await screen.findByRole('list', { name: 'Мои покупки' });
    expect(screen.queryByRole('list', { name: 'Мои карты' })).toBeNull();
  });
});
