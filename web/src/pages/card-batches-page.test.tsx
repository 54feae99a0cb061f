import type { CardBatch, Org, StaffAction } from '@profreestr/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { me, type Routes, renderApp, stubServer } from '../test/app';
import { ADMIN, primaryOrg } from '../test/fixtures';

const ORDERING: StaffAction[] = [...ADMIN, 'card:read', 'card-batch:manage'];
const region: Org = { ...primaryOrg, level: 'regional', name: 'Региональная организация' };

const batch = (id: string, status: CardBatch['status'], more: Partial<CardBatch> = {}) => ({
  id,
  orgId: '1',
  orgName: 'Региональная организация',
  status,
  count: 1000,
  filled: 1000,
  createdAt: '2025-03-01T09:00:00.000Z',
  createdBy: 'admin',
  producedAt: null,
  deliveredAt: null,
  ...more,
});

function openBatches(routes: Routes, permissions: readonly StaffAction[] = ORDERING) {
  const sent = stubServer({
    'GET /auth/me': me(permissions),
    'GET /applications/count': { submitted: 0 },
    'GET /orgs/1': region,
    'GET /card-batches/preview': { count: 1234 },
    'GET /card-batches': { items: [], nextCursor: null },
    ...routes,
  });
  renderApp('/card-batches');
  return sent;
}

describe('the batches page', () => {
  it('shows the count first, and orders only on «Заказать»', async () => {
    const sent = openBatches({ 'POST /card-batches': { id: '9', count: 1234 } });
    const preview = await screen.findByText(/В заказ попадут/);
    expect(preview.textContent).toContain('1\u00a0234 карты');
    expect(screen.getByText('Региональная организация')).toBeTruthy();
    expect(sent.find((r) => r.path === '/card-batches/preview')?.search.get('under')).toBe('1');
    expect(sent.some((r) => r.method === 'POST')).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Заказать' }));
    expect(await screen.findByText('Заказ № 9 создан: 1 234 карты.')).toBeTruthy();
    expect(sent.find((r) => r.method === 'POST')?.body).toEqual({ under: '1' });
  });

  it('with nothing to order «Заказать» is disabled', async () => {
    openBatches({ 'GET /card-batches/preview': { count: 0 } });
    expect(await screen.findByText(/Заказывать нечего/)).toBeTruthy();
    const order = screen.getByRole('button', { name: 'Заказать' }) as HTMLButtonElement;
    expect(order.disabled).toBe(true);
  });

  it('lists batches: progress while filling, the file, and the next status after a question', async () => {
    const sent = openBatches({
      'GET /card-batches': {
        items: [
          batch('12', 'filling', { filled: 250 }),
          batch('11', 'ordered'),
          batch('10', 'produced'),
          batch('8', 'delivered'),
        ],
        nextCursor: null,
      },
      'POST /card-batches/11/status': batch('11', 'produced'),
    });
    const list = await screen.findByRole('list', { name: 'Заказы карт' });
    const filling = within(within(list).getByRole('listitem', { name: 'Заказ № 12' }));
    expect(filling.getByText('Формируется: 250 из 1 000')).toBeTruthy();
    expect(filling.queryByRole('button', { name: 'Скачать файл' })).toBeNull();

    const ordered = within(within(list).getByRole('listitem', { name: 'Заказ № 11' }));
    expect(ordered.getByRole('button', { name: 'Скачать файл' })).toBeTruthy();
    const produced = within(within(list).getByRole('listitem', { name: 'Заказ № 10' }));
    expect(produced.getByRole('button', { name: 'Доставлена' })).toBeTruthy();
    const delivered = within(within(list).getByRole('listitem', { name: 'Заказ № 8' }));
    expect(delivered.queryByRole('button', { name: /Изготовлена|Доставлена/ })).toBeNull();

    await userEvent.click(ordered.getByRole('button', { name: 'Изготовлена' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Статус заказа' }));
    await userEvent.click(dialog.getByRole('button', { name: 'Изготовлена' }));
    await waitFor(() =>
      expect(sent.find((r) => r.path === '/card-batches/11/status')?.body).toEqual({
        status: 'produced',
      }),
    );
  });

  it('without card-batch:manage nothing is ordered', async () => {
    const sent = openBatches({}, [...ADMIN, 'card:read']);
    expect(await screen.findByText('У вас нет права заказывать карты.')).toBeTruthy();
    expect(sent.some((r) => r.path.startsWith('/card-batches'))).toBe(false);
  });
});
