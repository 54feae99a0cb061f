import type { Application, Org, StaffAction } from '@profreestr/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { me, type Routes, renderApp, type SentRequest, stubServer } from '../test/app';
import { EDITOR, primaryOrg, submittedApplication, VIEWER } from '../test/fixtures';

const accepted: Application = {
  ...submittedApplication,
  id: '12',
  status: 'accepted',
  lastName: 'Смирнова',
  firstName: 'Ольга',
  middleName: null,
  sex: 'female',
  birthDate: '2003-11-02',
  category: 'student',
  orgName: 'Первичная организация колледжа № 3',
  decidedAt: '2025-03-07T10:00:00.000Z',
  memberId: '42',
};

const all = [submittedApplication, accepted];

/** The app over a server with two applications, filtered by status as the server does. */
function openList(path: string, permissions: readonly StaffAction[], routes: Routes = {}) {
  const requests = stubServer({
    'GET /auth/me': me(permissions),
    'GET /orgs/1/ancestors': { items: [{ id: '1', name: primaryOrg.name, level: 'primary' }] },
    'GET /applications/count': { submitted: 1 },
    'GET /applications': (request) => {
      const status = request.search.get('status');
      return { items: all.filter((a) => !status || a.status === status), nextCursor: null };
    },
    ...routes,
  });
  renderApp(path);
  return requests;
}

const listAsks = (requests: SentRequest[]) => requests.filter((r) => r.path === '/applications');

describe('the applications list', () => {
  it('shows each application with name, birth date, org, category, date and state', async () => {
    openList('/applications', VIEWER);
    const list = await screen.findByRole('list', { name: 'Заявления' });
    const cards = within(list).getAllByRole('listitem');
    expect(cards.map((card) => card.getAttribute('data-status'))).toEqual([
      'submitted',
      'accepted',
    ]);

    const first = within(cards[0] as HTMLElement);
    const link = first.getByRole('link', { name: 'Кузнецов Андрей Викторович' });
    expect(link.getAttribute('href')).toBe('/applications/11');
    expect(first.getByText('Ждёт решения')).toBeTruthy();
    expect(first.getByText(primaryOrg.name)).toBeTruthy();
    expect(first.getByText('Работающий · 14.05.1990 г. р.')).toBeTruthy();
    expect(first.getByText(/Подано/).textContent).toContain('05.03.2025');

    const second = within(cards[1] as HTMLElement);
    expect(second.getByText('Принято')).toBeTruthy();
    expect(second.getByText('Обучающийся · 02.11.2003 г. р.')).toBeTruthy();
  });

  it('filters by state: the choice goes into the URL and to the server', async () => {
    const requests = openList('/applications', VIEWER);
    const list = await screen.findByRole('list', { name: 'Заявления' });
    await userEvent.selectOptions(screen.getByLabelText('Состояние'), 'Ждёт решения');

    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(new URLSearchParams(window.location.search).get('status')).toBe('submitted');
    expect(listAsks(requests).at(-1)?.search.get('status')).toBe('submitted');

    await userEvent.click(screen.getByRole('button', { name: 'Сбросить фильтры' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect(window.location.search).toBe('');
  });

  it('a link with the state and an org opens filtered by both', async () => {
    const requests = openList('/applications?status=accepted&under=1', VIEWER);
    const list = await screen.findByRole('list', { name: 'Заявления' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect((screen.getByLabelText('Состояние') as HTMLSelectElement).value).toBe('accepted');
    const asked = listAsks(requests).at(-1);
    expect(asked?.search.get('status')).toBe('accepted');
    expect(asked?.search.get('under')).toBe('1');
    expect(await screen.findByText(`Организация: ${primaryOrg.name}`)).toBeTruthy();

    await userEvent.click(
      screen.getByRole('button', { name: `Убрать фильтр «Организация: ${primaryOrg.name}»` }),
    );
    await waitFor(() => expect(listAsks(requests).at(-1)?.search.get('under')).toBeNull());
    expect(new URLSearchParams(window.location.search).get('status')).toBe('accepted');
  });

  it('an org picked with the search goes into the URL and to the server', async () => {
    const region: Org = {
      ...primaryOrg,
      id: '1',
      level: 'regional',
      name: 'Региональная организация',
    };
    const school: Org = { ...primaryOrg, id: '5', parentId: '1' };
    const requests = openList('/applications', VIEWER, {
      'GET /orgs/1': region,
      'GET /orgs': { items: [{ ...school, parents: [region] }], nextCursor: null },
      'GET /orgs/5/ancestors': { items: [region, school] },
    });
    await screen.findByRole('list', { name: 'Заявления' });
    await userEvent.click(await screen.findByRole('button', { name: 'Выбрать организацию' }));
    const dialog = await screen.findByRole('dialog', { name: 'Организация' });
    await userEvent.type(within(dialog).getByLabelText('Организация'), 'школа');
    await userEvent.click(
      await within(dialog).findByRole('button', { name: /Первичная организация школы/ }),
    );

    await waitFor(() => expect(listAsks(requests).at(-1)?.search.get('under')).toBe('5'));
    expect(new URLSearchParams(window.location.search).get('under')).toBe('5');
    expect(await screen.findByText(`Организация: ${school.name}`)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Выбрать организацию' })).toBeNull();
  });

  it('a primary’s chairman is offered no org to pick', async () => {
    const requests = openList('/applications', VIEWER, { 'GET /orgs/1': primaryOrg });
    await screen.findByRole('list', { name: 'Заявления' });
    // The own org has been asked and its answer rendered.
    await waitFor(() => expect(requests.some((r) => r.path === '/orgs/1')).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('button', { name: 'Выбрать организацию' })).toBeNull();
  });

  it('«Показать ещё» asks the next page by its cursor', async () => {
    const requests = openList('/applications', EDITOR, {
      'GET /applications': (request) =>
        request.search.get('cursor') === 'c2'
          ? { items: [accepted], nextCursor: null }
          : { items: [submittedApplication], nextCursor: 'c2' },
    });
    const list = await screen.findByRole('list', { name: 'Заявления' });
    await userEvent.click(screen.getByRole('button', { name: 'Показать ещё' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    expect(listAsks(requests).at(-1)?.search.get('cursor')).toBe('c2');
    expect(screen.queryByRole('button', { name: 'Показать ещё' })).toBeNull();
  });

  it('without application:read the page is refused and asks for nothing', async () => {
    const requests = openList('/applications', ['org:read', 'member:read']);
    expect(
      await screen.findByText(
        'Заявления о вступлении доступны председателям и сотрудникам организаций Профсоюза.',
      ),
    ).toBeTruthy();
    expect(requests.some((r) => r.path.startsWith('/applications'))).toBe(false);
  });
});
