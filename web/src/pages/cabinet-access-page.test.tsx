import type { AccessLogEntry } from '@profreestr/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp, stubServer } from '../test/app';

const staffRead: AccessLogEntry = {
  id: '30',
  at: '2025-03-05T11:30:00.000Z',
  action: 'member.read',
  label: 'Просмотр карточки члена Профсоюза',
  actor: {
    kind: 'staff',
    fullName: 'Иванова Анна Петровна',
    role: 'admin',
    orgName: 'Первичная организация школы № 1',
  },
};
const ownConsent: AccessLogEntry = {
  id: '29',
  at: '2025-03-04T08:00:00.000Z',
  action: 'member.consent',
  label: 'Изменение согласия',
  actor: { kind: 'member', fullName: null, role: null, orgName: null },
};
const systemChange: AccessLogEntry = {
  id: '12',
  at: '2025-01-10T03:00:00.000Z',
  action: 'member.update',
  label: 'Изменение карточки члена Профсоюза',
  actor: { kind: 'system', fullName: null, role: null, orgName: null },
};

describe('«Кто смотрел мои данные»', () => {
  it('names staff with their role and org, the member as «Вы», and pages on «Показать ещё»', async () => {
    const sent = stubServer({
      'GET /cabinet/access-log': (request) =>
        request.search.get('cursor') === 'page-2'
          ? { items: [systemChange], nextCursor: null }
          : { items: [staffRead, ownConsent], nextCursor: 'page-2' },
    });
    renderApp('/cabinet/access');

    const list = await screen.findByRole('list', { name: 'Кто смотрел мои данные' });
    let items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const staff = items[0] as HTMLElement;
    expect(within(staff).getByText('Просмотр карточки члена Профсоюза')).toBeTruthy();
    expect(within(staff).getByText('Иванова Анна Петровна')).toBeTruthy();
    expect(
      within(staff).getByText('Роль: Администратор · Первичная организация школы № 1'),
    ).toBeTruthy();
    expect(staff.querySelector('time')?.getAttribute('datetime')).toBe(staffRead.at);
    expect(within(items[1] as HTMLElement).getByText('Вы')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Показать ещё' }));
    await within(list).findByText('Система');
    items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Показать ещё' })).toBeNull();
    expect(sent.map((r) => [r.path, r.search.get('cursor')])).toEqual([
      ['/cabinet/access-log', null],
      ['/cabinet/access-log', 'page-2'],
    ]);
  });

  it('says so when nobody has opened the card yet', async () => {
    stubServer({ 'GET /cabinet/access-log': { items: [], nextCursor: null } });
    renderApp('/cabinet/access');
    expect(await screen.findByText('Пока никто не открывал вашу карточку.')).toBeTruthy();
  });
});
