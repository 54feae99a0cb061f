import type { AidTotals, StaffAction } from '@profreestr/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { me, type Routes, renderApp, stubServer } from '../test/app';
import { primaryOrg, VIEWER } from '../test/fixtures';

const READING: StaffAction[] = [...VIEWER, 'benefit:read', 'aid:read'];

const benefit = {
  id: '5',
  title: 'Материальная помощь на лечение',
  kind: 'payment' as const,
  orgId: '1',
  orgName: 'Первичная организация школы № 1',
};

const totals: AidTotals = {
  items: [
    { month: '2025-02', benefit, granted: 2, amount: 20000.5 },
    { month: '2025-03', benefit, granted: 1, amount: 5000 },
  ],
  months: [
    { month: '2025-01', granted: 0, amount: 0 },
    { month: '2025-02', granted: 2, amount: 20000.5 },
    { month: '2025-03', granted: 1, amount: 5000 },
  ],
  total: { granted: 3, amount: 25000.5 },
};

function open(routes: Routes = {}, permissions: readonly StaffAction[] = READING) {
  const sent = stubServer({
    'GET /auth/me': me(permissions),
    'GET /applications/count': { submitted: 0 },
    'GET /orgs/1': primaryOrg,
    'GET /aid-requests/totals': totals,
    'GET /aid-requests/totals/file': 'xlsx',
    ...routes,
  });
  renderApp('/aid-requests/totals?from=2025-01&to=2025-03');
  return sent;
}

const createObjectURL = vi.fn(() => 'blob:totals');
beforeEach(() => {
  Object.assign(URL, { createObjectURL, revokeObjectURL: () => {} });
});
afterEach(() => createObjectURL.mockClear());

describe('the aid totals', () => {
  it('shows the range’s totals, every month and each benefit of a month', async () => {
    const sent = open();
    const figures = within(await screen.findByRole('group', { name: 'Итоги за период' }));
    expect(figures.getByText('3')).toBeTruthy();
    expect(figures.getByText('25 000,50 ₽')).toBeTruthy();
    const months = within(screen.getByRole('table', { name: 'Помощь по месяцам' }));
    expect(months.getByText('Январь 2025')).toBeTruthy();
    expect(months.getByText('20 000,50 ₽')).toBeTruthy();
    const benefits = within(screen.getByRole('table', { name: 'Помощь по льготам' }));
    expect(benefits.getAllByText('Материальная помощь на лечение')).toHaveLength(2);
    const asked = sent.find((r) => r.path === '/aid-requests/totals');
    expect(asked?.search.get('from')).toBe('2025-01');
    expect(asked?.search.get('to')).toBe('2025-03');
  });

  it('downloads the same range as XLSX', async () => {
    const sent = open();
    await screen.findByRole('group', { name: 'Итоги за период' });
    await userEvent.click(screen.getByRole('button', { name: 'Выгрузить в XLSX' }));
    await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
    const file = sent.find((r) => r.path === '/aid-requests/totals/file');
    expect(file?.search.get('from')).toBe('2025-01');
    expect(file?.search.get('to')).toBe('2025-03');
  });

  it('a range with nothing granted says so', async () => {
    open({
      'GET /aid-requests/totals': {
        items: [],
        months: [{ month: '2025-01', granted: 0, amount: 0 }],
        total: { granted: 0, amount: 0 },
      },
    });
    expect(await screen.findByText('За эти месяцы одобренных обращений нет.')).toBeTruthy();
  });

  it('without aid:read nothing is asked', async () => {
    const sent = open({}, VIEWER);
    expect(await screen.findByText('У вас нет права смотреть обращения за помощью.')).toBeTruthy();
    expect(sent.some((r) => r.path.startsWith('/aid-requests'))).toBe(false);
  });
});
