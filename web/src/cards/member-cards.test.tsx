import type { MemberCards, StaffAction } from '@profreestr/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { me, type Routes, renderApp, stubServer } from '../test/app';
import { activeMember, EDITOR, emptyPage, primaryOrg, VIEWER } from '../test/fixtures';

const CARD_READER: StaffAction[] = [...VIEWER, 'card:read'];
const CARD_EDITOR: StaffAction[] = [...EDITOR, 'card:read', 'card:manage'];

const cards = (allowed: MemberCards['allowed']): MemberCards => ({
  cardNumber: '7700000000000017',
  items: [
    {
      id: '31',
      kind: 'plastic',
      status: 'delivered',
      batchId: '5',
      orderedOn: '2025-01-10',
      producedOn: '2025-02-01',
      deliveredOn: '2025-02-20',
      issuedOn: null,
      blockedOn: null,
      blockReason: null,
    },
    {
      id: '32',
      kind: 'virtual',
      status: 'active',
      batchId: null,
      orderedOn: null,
      producedOn: null,
      deliveredOn: null,
      issuedOn: '2025-01-05',
      blockedOn: null,
      blockReason: null,
    },
  ],
  events: [
    {
      cardId: '31',
      kind: 'plastic',
      status: 'delivered',
      reason: null,
      at: '2025-02-20T09:00:00.000Z',
      by: 'admin',
    },
    {
      cardId: '32',
      kind: 'virtual',
      status: 'active',
      reason: null,
      at: '2025-01-05T09:00:00.000Z',
      by: 'член Профсоюза',
    },
  ],
  allowed,
});

function openCards(permissions: readonly StaffAction[], routes: Routes) {
  const sent = stubServer({
    'GET /auth/me': me(permissions),
    'GET /applications/count': { submitted: 0 },
    'GET /members/7': activeMember,
    'GET /orgs/1': primaryOrg,
    'GET /orgs/1/ancestors': { items: [primaryOrg] },
    'GET /members/7/audit': emptyPage,
    ...routes,
  });
  renderApp('/members/7?tab=cards');
  return sent;
}

const carrier = async (name: string) => within(await screen.findByRole('listitem', { name }));

describe('the cards of the member card', () => {
  it('shows the number in fours, the carriers with their dated steps and the history', async () => {
    openCards(CARD_READER, { 'GET /members/7/cards': cards({ issue: false, block: false }) });
    expect(await screen.findByText('7700 0000 0000 0017')).toBeTruthy();
    const plastic = await carrier('Пластиковая карта');
    expect(plastic.getByText('Доставлена в организацию')).toBeTruthy();
    expect(plastic.getByText('Заказана 10.01.2025')).toBeTruthy();
    expect(plastic.getByText('Доставлена в организацию 20.02.2025')).toBeTruthy();
    const history = screen.getByRole('list', { name: 'История карты' });
    const events = within(history).getAllByRole('listitem');
    expect(events[0]?.textContent).toContain('Пластиковая карта: доставлена в организацию');
    expect(events[1]?.textContent).toContain('член Профсоюза');
  });

  it('offers neither «Выдана» nor «Заблокировать» when the server does not allow them', async () => {
    openCards(CARD_EDITOR, { 'GET /members/7/cards': cards({ issue: false, block: false }) });
    await carrier('Пластиковая карта');
    expect(screen.queryByRole('button', { name: 'Выдана' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Заблокировать' })).toBeNull();
  });

  it('«Выдана» only on the delivered plastic card, «Заблокировать» on each live one', async () => {
    const sent = openCards(CARD_EDITOR, {
      'GET /members/7/cards': cards({ issue: true, block: true }),
      'POST /members/7/cards/31/issue': { ok: true },
    });
    const plastic = await carrier('Пластиковая карта');
    const virtual = await carrier('Виртуальная карта');
    expect(virtual.queryByRole('button', { name: 'Выдана' })).toBeNull();
    expect(virtual.getByRole('button', { name: 'Заблокировать' })).toBeTruthy();

    await userEvent.click(plastic.getByRole('button', { name: 'Выдана' }));
    expect(await screen.findByText('Карта отмечена как выданная.')).toBeTruthy();
    expect(sent.some((r) => r.method === 'POST' && r.path === '/members/7/cards/31/issue')).toBe(
      true,
    );
  });

  it('the block dialog asks the reason and sends it with the reissue', async () => {
    const sent = openCards(CARD_EDITOR, {
      'GET /members/7/cards': cards({ issue: true, block: true }),
      'POST /members/7/cards/31/block': { ok: true },
    });
    const plastic = await carrier('Пластиковая карта');
    await userEvent.click(plastic.getByRole('button', { name: 'Заблокировать' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Заблокировать карту' }));

    // No reason: nothing sent.
    await userEvent.click(dialog.getByRole('button', { name: 'Заблокировать' }));
    expect(await dialog.findByText('Выберите причину')).toBeTruthy();
    expect(sent.some((r) => r.method === 'POST')).toBe(false);

    await userEvent.click(dialog.getByRole('radio', { name: 'Утеряна' }));
    await userEvent.click(
      dialog.getByRole('checkbox', { name: /Перевыпустить пластиковую карту/ }),
    );
    await userEvent.click(dialog.getByRole('button', { name: 'Заблокировать' }));

    await waitFor(() =>
      expect(sent.find((r) => r.path === '/members/7/cards/31/block')?.body).toEqual({
        reason: 'lost',
        reissue: true,
      }),
    );
    expect(
      await screen.findByText('Карта заблокирована, новая пластиковая карта заказана.'),
    ).toBeTruthy();
  });

  it('a virtual card is blocked without a reissue', async () => {
    const sent = openCards(CARD_EDITOR, {
      'GET /members/7/cards': cards({ issue: true, block: true }),
      'POST /members/7/cards/32/block': { ok: true },
    });
    const virtual = await carrier('Виртуальная карта');
    await userEvent.click(virtual.getByRole('button', { name: 'Заблокировать' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Заблокировать карту' }));
    expect(dialog.queryByRole('checkbox')).toBeNull();
    await userEvent.click(dialog.getByRole('radio', { name: 'Другое' }));
    await userEvent.click(dialog.getByRole('button', { name: 'Заблокировать' }));
    await waitFor(() =>
      expect(sent.find((r) => r.path === '/members/7/cards/32/block')?.body).toEqual({
        reason: 'other',
        reissue: false,
      }),
    );
  });

  it('without card:read the card has no «Карты» tab', async () => {
    openCards(VIEWER, {});
    await screen.findByRole('tablist', { name: 'Разделы карточки члена Профсоюза' });
    expect(screen.queryByRole('tab', { name: 'Карты' })).toBeNull();
  });
});
