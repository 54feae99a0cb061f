import { type Application, type Member, type StaffAction, todayIso } from '@profreestr/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { me, type Routes, renderApp, reply, type SentRequest, stubServer } from '../test/app';
import { activeMember, EDITOR, submittedApplication, VIEWER } from '../test/fixtures';

const NAME = 'Кузнецов Андрей Викторович';

/** The member the accepted application put on record. */
const newMember: Member = {
  ...activeMember,
  id: '42',
  lastName: 'Кузнецов',
  firstName: 'Андрей',
  middleName: 'Викторович',
  birthDate: '1990-05-14',
  registeredOn: '2025-03-01',
  joinedOn: '2025-03-01',
  cardNumber: '7700000000000421',
  email: 'kuznetsov@example.ru',
};

const acceptedApplication: Application = {
  ...submittedApplication,
  status: 'accepted',
  decidedAt: '2025-03-07T10:00:00.000Z',
  memberId: '42',
};

/**
 * The app on application 11, over a server that keeps it: `becomes` says what the server holds
 * from then on (the page asks again after a decision).
 */
function openApplication(
  permissions: readonly StaffAction[],
  routes: Routes = {},
  application: Application = submittedApplication,
) {
  let current = application;
  const requests = stubServer({
    'GET /auth/me': me(permissions),
    'GET /applications/count': { submitted: 1 },
    'GET /applications/11': () => current,
    ...routes,
  });
  renderApp('/applications/11');
  const becomes = (next: Application) => {
    current = next;
  };
  return Object.assign(requests, { becomes });
}

const posts = (requests: SentRequest[]) => requests.filter((r) => r.method === 'POST');

const conflict = (message: string) =>
  reply(409, { error: { code: 'conflict', message, details: [] } });

describe('an application’s page', () => {
  it('shows what the person wrote under Russian labels', async () => {
    openApplication(VIEWER);
    expect(await screen.findByRole('heading', { name: NAME, level: 1 })).toBeTruthy();
    expect(screen.getByText('Ждёт решения')).toBeTruthy();
    expect(screen.getByText('Мужской')).toBeTruthy();
    expect(screen.getByText('14.05.1990')).toBeTruthy();
    expect(screen.getByText('Работающий')).toBeTruthy();
    expect(screen.getByText('Учитель физики')).toBeTruthy();
    expect(screen.getByText('+7 912 345-67-89')).toBeTruthy();
    expect(screen.getByText('kuznetsov@example.ru')).toBeTruthy();
    expect(screen.getByText('Дано при подаче (редакция 2026-01)')).toBeTruthy();
  });

  it('a viewer sees no «Принять» and «Отклонить»', async () => {
    openApplication(VIEWER);
    await screen.findByRole('heading', { name: NAME, level: 1 });
    expect(screen.queryByRole('button', { name: 'Принять' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Отклонить' })).toBeNull();
  });

  it('an editor sees «Принять» and «Отклонить» while it waits', async () => {
    openApplication(EDITOR);
    await screen.findByRole('heading', { name: NAME, level: 1 });
    expect(screen.getByRole('button', { name: 'Принять' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Отклонить' })).toBeTruthy();
  });

  it('an accepted application links to the member card and offers no decision', async () => {
    openApplication(EDITOR, {}, acceptedApplication);
    await screen.findByRole('heading', { name: NAME, level: 1 });
    expect(screen.getByText('Принято')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Открыть карточку' }).getAttribute('href')).toBe(
      '/members/42',
    );
    expect(screen.queryByRole('button', { name: 'Принять' })).toBeNull();
  });

  it('«Принять» posts the date of putting on record (today unless changed) and links to the new member', async () => {
    const requests = openApplication(EDITOR, {
      'POST /applications/11/accept': { application: acceptedApplication, member: newMember },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Принять' }));
    requests.becomes(acceptedApplication);
    const dialog = await screen.findByRole('dialog', { name: 'Принять в Профсоюз' });
    const date = within(dialog).getByLabelText(/Дата постановки на учёт/) as HTMLInputElement;
    const [y, m, d] = todayIso().split('-');
    expect(date.value).toBe(`${d}.${m}.${y}`);
    await userEvent.clear(date);
    await userEvent.type(date, '01032025');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Принять' }));

    expect(await screen.findByText('Заявление принято')).toBeTruthy();
    expect(posts(requests).map((r) => [r.path, r.body])).toEqual([
      ['/applications/11/accept', { on: '2025-03-01' }],
    ]);
    expect(
      screen.getByText(/Кузнецов Андрей Викторович поставлен на учёт с 01\.03\.2025/),
    ).toBeTruthy();
    const links = screen.getAllByRole('link', { name: /Открыть карточку/ });
    expect(links.map((link) => link.getAttribute('href'))).toContain('/members/42');
    expect(screen.queryByRole('button', { name: 'Принять' })).toBeNull();
    expect(screen.getByText('Принято')).toBeTruthy();
    // The menu's count is asked again after the decision.
    await waitFor(() =>
      expect(requests.filter((r) => r.path === '/applications/count').length).toBeGreaterThan(1),
    );
  });

  it('a 409 (on record elsewhere) shows the server’s message in the dialog', async () => {
    const message = 'Этот человек уже состоит на учёте в другой организации';
    openApplication(EDITOR, { 'POST /applications/11/accept': conflict(message) });
    await userEvent.click(await screen.findByRole('button', { name: 'Принять' }));
    const dialog = await screen.findByRole('dialog', { name: 'Принять в Профсоюз' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Принять' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain(message);
  });

  it('a 409 (decided meanwhile) shows the message and the application as it is now', async () => {
    const message = 'Заявление уже рассмотрено';
    const requests = openApplication(EDITOR, {
      'POST /applications/11/reject': conflict(message),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Отклонить' }));
    requests.becomes(acceptedApplication);
    const dialog = await screen.findByRole('dialog', { name: 'Отклонить заявление' });
    await userEvent.type(within(dialog).getByLabelText(/Причина отказа/), 'Нет мест');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Отклонить' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(message);
    // Behind the dialog the page shows the decision someone else made.
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Принять' })).toBeNull());
    expect(screen.getByText('Принято')).toBeTruthy();
  });

  it('«Отклонить» requires a reason, then posts it', async () => {
    const rejected: Application = {
      ...submittedApplication,
      status: 'rejected',
      rejectReason: 'Не работает в организации',
      decidedAt: '2025-03-07T10:00:00.000Z',
    };
    const requests = openApplication(EDITOR, { 'POST /applications/11/reject': rejected });
    await userEvent.click(await screen.findByRole('button', { name: 'Отклонить' }));
    requests.becomes(rejected);
    const dialog = await screen.findByRole('dialog', { name: 'Отклонить заявление' });
    const reason = within(dialog).getByLabelText(/Причина отказа/);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Отклонить' }));
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText('Укажите причину отказа')).toBeTruthy();
    expect(posts(requests)).toHaveLength(0);

    await userEvent.type(reason, '  Не работает в организации ');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Отклонить' }));
    expect(await screen.findByText('Заявление отклонено')).toBeTruthy();
    expect(posts(requests).map((r) => [r.path, r.body])).toEqual([
      ['/applications/11/reject', { reason: 'Не работает в организации' }],
    ]);
    expect(screen.getByText('Отклонено')).toBeTruthy();
    expect(screen.getByText('Не работает в организации')).toBeTruthy();
  });
});
