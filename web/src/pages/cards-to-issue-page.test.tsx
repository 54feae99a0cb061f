import type { CardToIssue, StaffAction } from '@profreestr/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { me, renderApp, stubServer } from '../test/app';
import { EDITOR, primaryOrg, VIEWER } from '../test/fixtures';

const toIssue: CardToIssue = {
  cardId: '31',
  memberId: '7',
  name: 'Петров Сергей Иванович',
  cardNumber: '7700000000000017',
  orgId: '1',
  orgName: 'Первичная организация школы № 1',
  deliveredOn: '2025-02-20',
};

function openList(permissions: readonly StaffAction[]) {
  let handedOver = false;
  const sent = stubServer({
    'GET /auth/me': me(permissions),
    'GET /applications/count': { submitted: 0 },
    'GET /orgs/1': primaryOrg,
    'GET /cards/to-issue': () => ({ items: handedOver ? [] : [toIssue], nextCursor: null }),
    'POST /members/7/cards/31/issue': () => {
      handedOver = true;
      return { ok: true };
    },
  });
  renderApp('/cards/to-issue');
  return sent;
}

describe('«Карты к выдаче»', () => {
  it('lists the delivered cards: the name, the number in fours, the org', async () => {
    openList([...VIEWER, 'card:read']);
    const list = await screen.findByRole('list', { name: 'Карты к выдаче' });
    const row = within(within(list).getByRole('listitem', { name: 'Петров Сергей Иванович' }));
    expect(row.getByRole('link', { name: 'Петров Сергей Иванович' }).getAttribute('href')).toBe(
      '/members/7?tab=cards',
    );
    expect(row.getByText('7700 0000 0000 0017')).toBeTruthy();
    expect(row.getByText(/Первичная организация школы № 1 · доставлена 20.02.2025/)).toBeTruthy();
    // Reading is not handing over.
    expect(row.queryByRole('button', { name: /Выдать/ })).toBeNull();
  });

  it('«Выдать» marks the card handed over and it leaves the list', async () => {
    const sent = openList([...EDITOR, 'card:read', 'card:manage']);
    const list = await screen.findByRole('list', { name: 'Карты к выдаче' });
    await userEvent.click(
      within(list).getByRole('button', { name: 'Выдать карту: Петров Сергей Иванович' }),
    );
    expect(await screen.findByText('Карта выдана: Петров Сергей Иванович.')).toBeTruthy();
    expect(sent.some((r) => r.method === 'POST' && r.path === '/members/7/cards/31/issue')).toBe(
      true,
    );
    await waitFor(() => expect(screen.getByText('Карт к выдаче нет.')).toBeTruthy());
  });

  it('is in the menu for card:read', async () => {
    openList([...VIEWER, 'card:read']);
    const menu = await screen.findByRole('navigation', { name: 'Основное меню' });
    expect(within(menu).getByRole('link', { name: 'Карты к выдаче' })).toBeTruthy();
    expect(within(menu).queryByRole('link', { name: 'Заказ карт' })).toBeNull();
  });
});
