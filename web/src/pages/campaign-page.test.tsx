import type { Campaign, StaffAction } from '@profreestr/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { form5sp, openCampaign } from '../reports/report-test-data';
import { me, type Routes, renderApp, type SentRequest, stubServer } from '../test/app';
import { EDITOR, VIEWER } from '../test/fixtures';

const district = { orgId: '2', name: 'Районная организация', level: 'territorial' as const };
const progressOf = (under: string | null) =>
  under === '2'
    ? { total: 4, draft: 3, submitted: 1, accepted: 0, returned: 0 }
    : { total: 10, draft: 4, submitted: 2, accepted: 3, returned: 1 };

/** The app on campaign 9 over a server that answers by `under` as the real one would. */
function openPage(
  path: string,
  permissions: readonly StaffAction[],
  routes: Routes = {},
): SentRequest[] {
  const requests = stubServer({
    'GET /auth/me': me(permissions),
    'GET /applications/count': { submitted: 0 },
    'GET /report-campaigns/9': openCampaign,
    'GET /report-campaigns/9/progress': (r) => progressOf(r.search.get('under')),
    'GET /report-campaigns/9/progress/children': (r) =>
      r.search.get('under') === '2'
        ? { items: [] }
        : {
            items: [
              { ...district, total: 4, draft: 3, submitted: 1, accepted: 0, returned: 0 },
              {
                orgId: '3',
                name: 'Городская организация',
                level: 'territorial',
                total: 6,
                draft: 1,
                submitted: 1,
                accepted: 3,
                returned: 1,
              },
            ],
          },
    'GET /report-campaigns/9/missing': {
      items: [
        {
          reportId: '31',
          orgId: '5',
          orgName: 'Первичная организация школы № 5',
          status: 'draft',
          chairman: 'Сидоров Пётр Ильич',
          reachable: true,
        },
        {
          reportId: '32',
          orgId: '6',
          orgName: 'Первичная организация колледжа № 3',
          status: 'returned',
          chairman: 'Кузнецова Ольга',
          reachable: false,
        },
      ],
      nextCursor: null,
    },
    'GET /orgs/2/ancestors': {
      items: [
        { id: '1', name: 'Региональная организация', level: 'regional' },
        { id: '2', name: 'Районная организация', level: 'territorial' },
      ],
    },
    'GET /report-forms/5sp': form5sp,
    ...routes,
  });
  renderApp(path);
  return requests;
}

const asked = (requests: SentRequest[], path: string) => requests.filter((r) => r.path === path);

describe('a campaign’s page', () => {
  it('shows the reports by status for the campaign’s org and its children', async () => {
    const requests = openPage('/report-campaigns/9', VIEWER);
    expect(
      await screen.findByRole('heading', { name: 'Форма 5 СП на 01.01.2025', level: 1 }),
    ).toBeTruthy();
    expect(await screen.findByText('5 из 10')).toBeTruthy();
    const legend = screen.getByRole('list', { name: 'Отчёты по состоянию' });
    const counts = within(legend)
      .getAllByRole('listitem')
      .map((item) => [item.getAttribute('data-status'), item.textContent]);
    expect(counts).toEqual([
      ['accepted', 'Приняты3'],
      ['submitted', 'Сданы, ждут проверки2'],
      ['returned', 'Возвращены1'],
      ['draft', 'Не сданы4'],
    ]);
    // The progress is asked for the campaign's own org.
    expect(asked(requests, '/report-campaigns/9/progress')[0]?.search.get('under')).toBe('1');

    const children = await screen.findByRole('list', { name: 'По организациям' });
    const rows = within(children).getAllByRole('listitem');
    // The least done first.
    expect(rows.map((row) => row.getAttribute('data-org-id'))).toEqual(['2', '3']);
    expect(within(rows[0] as HTMLElement).getByText('1 из 4')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Сводный отчёт' }).getAttribute('href')).toBe(
      '/report-campaigns/9/consolidated?orgId=1',
    );
    expect(screen.getByRole('button', { name: 'Таблица XLSX' })).toBeTruthy();
  });

  it('lists who has not reported, with their chairmen and links to the reports', async () => {
    openPage('/report-campaigns/9', VIEWER);
    const list = await screen.findByRole('list', { name: 'Кто не отчитался' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    const first = within(rows[0] as HTMLElement);
    expect(
      first.getByRole('link', { name: 'Первичная организация школы № 5' }).getAttribute('href'),
    ).toBe('/reports/31');
    expect(first.getByText('Черновик')).toBeTruthy();
    expect(first.getByText('Председатель: Сидоров Пётр Ильич')).toBeTruthy();
    const second = within(rows[1] as HTMLElement);
    expect(second.getByText('Возвращён')).toBeTruthy();
    expect(second.getByText(/нет e-mail/)).toBeTruthy();
    // A viewer reminds nobody.
    expect(screen.queryByRole('button', { name: 'Напомнить' })).toBeNull();
  });

  it('«Напомнить» sends the reminder for the org in view and says to how many', async () => {
    const requests = openPage('/report-campaigns/9', EDITOR, {
      'POST /report-campaigns/9/remind': { queued: 3 },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Напомнить' }));
    expect(await screen.findByText('Напоминание отправлено 3 председателям')).toBeTruthy();
    expect(asked(requests, '/report-campaigns/9/remind')[0]?.body).toEqual({ under: '1' });
  });

  it('a child drills one level down, with the way back up', async () => {
    const requests = openPage('/report-campaigns/9', VIEWER);
    const children = await screen.findByRole('list', { name: 'По организациям' });
    await userEvent.click(within(children).getByRole('link', { name: 'Районная организация' }));

    expect(await screen.findByText('1 из 4')).toBeTruthy();
    expect(new URLSearchParams(window.location.search).get('under')).toBe('2');
    await waitFor(() =>
      expect(asked(requests, '/report-campaigns/9/progress').at(-1)?.search.get('under')).toBe('2'),
    );
    expect(asked(requests, '/report-campaigns/9/missing').at(-1)?.search.get('under')).toBe('2');
    const level = await screen.findByRole('navigation', { name: 'Уровень' });
    const up = within(level).getByRole('link', { name: 'Региональная организация' });
    expect(up.getAttribute('href')).toBe('/report-campaigns/9?under=1');
    expect(screen.getByRole('link', { name: 'Сводный отчёт' }).getAttribute('href')).toBe(
      '/report-campaigns/9/consolidated?orgId=2',
    );
  });

  it('while the reports are being created, shows how far and asks again', async () => {
    let campaign: Campaign = { ...openCampaign, status: 'creating', created: 4 };
    const requests = openPage('/report-campaigns/9', VIEWER, {
      'GET /report-campaigns/9': () => campaign,
    });
    expect(await screen.findByText(/Создаются отчёты: 4 из 10/)).toBeTruthy();
    expect(asked(requests, '/report-campaigns/9/progress')).toHaveLength(0);

    campaign = openCampaign;
    expect(await screen.findByText('5 из 10', {}, { timeout: 4000 })).toBeTruthy();
    expect(screen.queryByText(/Создаются отчёты/)).toBeNull();
  });
});
