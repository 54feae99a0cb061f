import type { StaffAction } from '@profreestr/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ReportListItem } from '../api/reports';
import { openCampaign } from '../reports/report-test-data';
import { me, type Routes, renderApp, type SentRequest, stubServer } from '../test/app';
import { primaryOrg, VIEWER } from '../test/fixtures';

const draft: ReportListItem = {
  id: '31',
  campaignId: '9',
  orgId: '5',
  orgName: 'Первичная организация школы № 5',
  formCode: '5sp',
  asOf: '2025-01-01',
  deadline: '2025-02-15',
  status: 'draft',
  updatedAt: '2025-01-10T09:00:00.000Z',
};
const accepted: ReportListItem = {
  ...draft,
  id: '32',
  orgId: '6',
  orgName: 'Первичная организация колледжа № 3',
  status: 'accepted',
};

function openPage(path: string, permissions: readonly StaffAction[], routes: Routes = {}) {
  const requests = stubServer({
    'GET /auth/me': me(permissions),
    'GET /applications/count': { submitted: 0 },
    'GET /orgs/1': primaryOrg,
    'GET /report-campaigns': { items: [openCampaign], nextCursor: null },
    'GET /reports': (request) => {
      const status = request.search.get('status');
      return {
        items: [draft, accepted].filter((r) => !status || r.status === status),
        nextCursor: null,
      };
    },
    ...routes,
  });
  renderApp(path);
  return requests;
}

const listAsks = (requests: SentRequest[]) => requests.filter((r) => r.path === '/reports');

describe('the reports list', () => {
  it('shows each report of the subtree with a link to it', async () => {
    openPage('/reports', VIEWER);
    const list = await screen.findByRole('list', { name: 'Отчёты' });
    const cards = within(list).getAllByRole('listitem');
    expect(cards.map((card) => card.getAttribute('data-status'))).toEqual(['draft', 'accepted']);
    const first = within(cards[0] as HTMLElement);
    expect(
      first.getByRole('link', { name: 'Первичная организация школы № 5' }).getAttribute('href'),
    ).toBe('/reports/31');
    expect(first.getByText('Черновик')).toBeTruthy();
    expect(first.getByText('Форма 5sp на 01.01.2025 · сдать до 15.02.2025')).toBeTruthy();
  });

  it('filters by status and campaign: into the URL and to the server', async () => {
    const requests = openPage('/reports', VIEWER);
    const list = await screen.findByRole('list', { name: 'Отчёты' });
    await userEvent.selectOptions(screen.getByLabelText('Состояние'), 'Принят');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(listAsks(requests).at(-1)?.search.get('status')).toBe('accepted');

    await userEvent.selectOptions(screen.getByLabelText('Кампания'), 'Форма 5 СП на 01.01.2025');
    await waitFor(() => expect(listAsks(requests).at(-1)?.search.get('campaignId')).toBe('9'));
    const search = new URLSearchParams(window.location.search);
    expect(search.get('status')).toBe('accepted');
    expect(search.get('campaignId')).toBe('9');
  });

  it('«Показать ещё» asks the next page by its cursor', async () => {
    const requests = openPage('/reports', VIEWER, {
      'GET /reports': (request) =>
        request.search.get('cursor') === 'c2'
          ? { items: [accepted], nextCursor: null }
          : { items: [draft], nextCursor: 'c2' },
    });
    const list = await screen.findByRole('list', { name: 'Отчёты' });
    await userEvent.click(screen.getByRole('button', { name: 'Показать ещё' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect(listAsks(requests).at(-1)?.search.get('cursor')).toBe('c2');
  });

  it('without report:read the page is refused and asks for nothing', async () => {
    const requests = openPage('/reports', ['org:read', 'member:read']);
    expect(
      await screen.findByText(
        'Статистические отчёты доступны председателям и сотрудникам организаций Профсоюза.',
      ),
    ).toBeTruthy();
    expect(requests.some((r) => r.path.startsWith('/report'))).toBe(false);
  });
});
