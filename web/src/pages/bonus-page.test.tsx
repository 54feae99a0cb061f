import { MantineProvider } from '@mantine/core';
import type { BonusStats, StaffAction } from '@profreestr/contracts';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { BarChart, niceMax } from '../bonus/bar-chart';
import { BonusChart } from '../bonus/bonus-chart';
import { defaultRange, fillMonths } from '../bonus/bonus-months';
import { me, type Routes, renderApp, stubServer } from '../test/app';
import { ADMIN, primaryOrg, VIEWER } from '../test/fixtures';

const READER: StaffAction[] = [...VIEWER, 'bonus:read'];

const stats: BonusStats = {
  items: [
    { month: '2025-01', purchases: 10, amount: 1_000_000, cashback: 35_000, participants: 8 },
    { month: '2025-03', purchases: 30, amount: 2_500_050, cashback: 87_502, participants: 20 },
  ],
  members: 1000,
  programmeMembers: 357,
};

describe('the bar chart', () => {
  it('draws a bar per item with its label under it and its value in the bar’s title', () => {
    const { container } = render(
      <MantineProvider env="test">
        <BarChart
          label="Кэшбэк по месяцам"
          formatAxis={(v) => String(v)}
          bars={[
            { key: 'a', label: 'янв', sublabel: '2025', value: 5, title: 'Январь 2025: 5' },
            { key: 'b', label: 'фев', value: 0, title: 'Февраль 2025: 0' },
            { key: 'c', label: 'мар', value: 8, title: 'Март 2025: 8' },
          ]}
        />
      </MantineProvider>,
    );
    const chart = screen.getByRole('img', { name: 'Кэшбэк по месяцам' });
    const bars = chart.querySelectorAll('rect');
    expect(bars).toHaveLength(3);
    expect([...bars].map((bar) => bar.querySelector('title')?.textContent)).toEqual([
      'Январь 2025: 5',
      'Февраль 2025: 0',
      'Март 2025: 8',
    ]);
    // The tallest bar is the largest value; an empty month has no height.
    const heights = [...bars].map((bar) => Number(bar.getAttribute('height')));
    expect(heights[1]).toBe(0);
    expect(heights[2]).toBeGreaterThan(heights[0] as number);
    const labels = [...container.querySelectorAll('text')].map((t) => t.textContent);
    expect(labels).toEqual(expect.arrayContaining(['янв', '2025', 'фев', 'мар', '0', '10']));
  });

  it('rounds the top of the axis up to 1, 2, 2.5 or 5 × 10ⁿ', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(8)).toBe(10);
    expect(niceMax(87_502)).toBe(100_000);
    expect(niceMax(1_900)).toBe(2_000);
    expect(niceMax(2_100)).toBe(2_500);
  });

  it('the months without purchases are bars of zero, labelled by month', () => {
    const items = fillMonths(stats.items, '2024-12', '2025-03');
    expect(items.map((i) => i.month)).toEqual(['2024-12', '2025-01', '2025-02', '2025-03']);
    render(
      <MantineProvider env="test">
        <BonusChart items={items} metric="cashback" />
      </MantineProvider>,
    );
    const chart = screen.getByRole('img', { name: /Кэшбэк по месяцам, Декабрь 2024 — Март 2025/ });
    const titles = [...chart.querySelectorAll('rect title')].map((t) => t.textContent);
    expect(titles).toEqual([
      'Декабрь 2024: 0,00\u00a0₽',
      'Январь 2025: 350,00\u00a0₽',
      'Февраль 2025: 0,00\u00a0₽',
      'Март 2025: 875,02\u00a0₽',
    ]);
  });
});

function openStats(path: string, routes: Routes = {}, permissions = READER) {
  const sent = stubServer({
    'GET /auth/me': me(permissions),
    'GET /applications/count': { submitted: 0 },
    'GET /orgs/1': primaryOrg,
    'GET /bonus/stats': stats,
    ...routes,
  });
  renderApp(path);
  return sent;
}

describe('the PROFCARDS page', () => {
  it('asks the last 12 months by default', async () => {
    const sent = openStats('/bonus');
    await screen.findByRole('group', { name: 'Итоги за период' });
    const asked = sent.find((r) => r.path === '/bonus/stats');
    const { from, to } = defaultRange();
    expect(asked?.search.get('from')).toBe(from);
    expect(asked?.search.get('to')).toBe(to);
  });

  it('shows the totals, the share in the programme, the chart and the table', async () => {
    openStats('/bonus?from=2025-01&to=2025-03');
    const totals = within(await screen.findByRole('group', { name: 'Итоги за период' }));
    expect(totals.getByText('40')).toBeTruthy();
    expect(totals.getByText('35 000,50 ₽')).toBeTruthy();
    expect(totals.getByText('1 225,02 ₽')).toBeTruthy();
    expect(totals.getByText('35,7 %')).toBeTruthy();
    expect(
      screen.getByText('В программе PROFCARDS 357 из 1 000 членов Профсоюза на учёте.'),
    ).toBeTruthy();
    const chart = screen.getByRole('img', { name: /Кэшбэк по месяцам/ });
    expect(chart.querySelectorAll('rect')).toHaveLength(3);
    const table = screen.getByRole('table', { name: 'PROFCARDS по месяцам' });
    // Newest first; February has no row from the server and shows zeros.
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.querySelector('td')?.textContent)).toEqual([
      'Март 2025',
      'Февраль 2025',
      'Январь 2025',
    ]);
  });

  it('another metric redraws the chart', async () => {
    openStats('/bonus?from=2025-01&to=2025-03');
    await screen.findByRole('img', { name: /Кэшбэк по месяцам/ });
    await userEvent.click(screen.getByText('Покупки'));
    const chart = await screen.findByRole('img', { name: /Число покупок по месяцам/ });
    const titles = [...chart.querySelectorAll('rect title')].map((t) => t.textContent);
    expect(titles).toEqual(['Январь 2025: 10', 'Февраль 2025: 0', 'Март 2025: 30']);
  });

  it('a month picked changes the request', async () => {
    const sent = openStats('/bonus?from=2025-01&to=2025-03');
    await screen.findByRole('group', { name: 'Итоги за период' });
    await userEvent.selectOptions(screen.getByLabelText('С месяца'), '2025-02');
    await waitFor(() =>
      expect(
        sent.some((r) => r.path === '/bonus/stats' && r.search.get('from') === '2025-02'),
      ).toBe(true),
    );
  });

  it('without bonus:read nothing is asked', async () => {
    const sent = openStats('/bonus', {}, ADMIN);
    expect(await screen.findByText('У вас нет права смотреть статистику программы.')).toBeTruthy();
    expect(sent.some((r) => r.path === '/bonus/stats')).toBe(false);
  });
});

describe('the dashboard’s PROFCARDS card', () => {
  it('with bonus:read: the last 12 months of the org’s subtree, small, with a link', async () => {
    const sent = openStats('/orgs/1/dashboard');
    const card = within(await screen.findByRole('region', { name: 'PROFCARDS за 12 месяцев' }));
    expect(await card.findByText('35,7 %', { exact: false })).toBeTruthy();
    expect(card.getByRole('img', { name: /Кэшбэк по месяцам/ })).toBeTruthy();
    const { from, to } = defaultRange();
    expect(card.getByRole('link', { name: 'Вся статистика PROFCARDS' }).getAttribute('href')).toBe(
      `/bonus?from=${from}&to=${to}&under=1`,
    );
    expect(sent.find((r) => r.path === '/bonus/stats')?.search.get('under')).toBe('1');
  });

  it('without bonus:read there is no card', async () => {
    const sent = openStats('/orgs/1/dashboard', {}, VIEWER);
    expect(await screen.findByRole('heading', { name: 'Заполненность данных' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'PROFCARDS за 12 месяцев' })).toBeNull();
    expect(sent.some((r) => r.path === '/bonus/stats')).toBe(false);
  });
});
