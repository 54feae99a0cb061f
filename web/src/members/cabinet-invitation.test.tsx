import type { Member, StaffAction } from '@profreestr/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { me, renderApp, reply, type SentRequest, stubServer } from '../test/app';
import { activeMember, EDITOR, emptyPage, primaryOrg, VIEWER } from '../test/fixtures';

const INVITE = 'Пригласить в кабинет';
const withEmail: Member = { ...activeMember, email: 'petrov@example.ru' };

function openCard(permissions: readonly StaffAction[], member: Member) {
  const requests = stubServer({
    'GET /auth/me': me(permissions),
    'GET /members/7': member,
    'GET /orgs/1': primaryOrg,
    'GET /orgs/1/ancestors': { items: [primaryOrg] },
    'GET /members/7/audit': emptyPage,
    'POST /members/7/cabinet-invitation': reply(202, { queued: true, to: 'petrov@example.ru' }),
  });
  renderApp('/members/7');
  return requests;
}

/** Opens «Действия» and returns the invitation's item, or null when there is none. */
async function inviteItem(): Promise<HTMLElement | null> {
  await screen.findByRole('heading', { name: /Петров Сергей Иванович/ });
  const button = screen.queryByRole('button', { name: 'Действия' });
  if (!button) return null;
  await userEvent.click(button);
  const menu = await screen.findByRole('menu');
  return within(menu).queryByRole('menuitem', { name: INVITE });
}

const posts = (requests: SentRequest[]) => requests.filter((r) => r.method === 'POST');

describe('«Пригласить в кабинет» on the member card', () => {
  it('sends the invitation and says where it went', async () => {
    const requests = openCard(EDITOR, withEmail);
    const item = await inviteItem();
    expect(item?.hasAttribute('disabled')).toBe(false);
    await userEvent.click(item as HTMLElement);
    const dialog = await screen.findByRole('dialog', { name: 'Приглашение в личный кабинет' });
    expect(dialog.textContent).toContain('petrov@example.ru');
    // Nothing goes before the confirmation.
    expect(posts(requests)).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Отправить приглашение' }));
    expect(await screen.findByText('Приглашение отправлено на petrov@example.ru')).toBeTruthy();
    expect(posts(requests).map((r) => r.path)).toEqual(['/members/7/cabinet-invitation']);
  });

  it('is disabled, saying why, for a member without an e-mail', async () => {
    const requests = openCard(EDITOR, activeMember);
    const item = await inviteItem();
    expect(item?.hasAttribute('disabled')).toBe(true);
    const hint = document.getElementById(item?.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toBe('Нет e-mail: добавьте его в контактах');
    await userEvent.click(item as HTMLElement, { pointerEventsCheck: 0 });
    expect(screen.queryByRole('dialog', { name: 'Приглашение в личный кабинет' })).toBeNull();
    expect(posts(requests)).toHaveLength(0);
  });

  it('is disabled for a member not on record', async () => {
    openCard(EDITOR, {
      ...withEmail,
      status: 'deregistered',
      deregisteredOn: '2024-06-30',
      deregisterReason: 'own_wish',
    });
    const item = await inviteItem();
    expect(item?.hasAttribute('disabled')).toBe(true);
    const hint = document.getElementById(item?.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toBe('Приглашают только состоящих на учёте');
  });

  it('is not offered without member:invite', async () => {
    openCard([...VIEWER, 'member:transfer'], withEmail);
    expect(await inviteItem()).toBeNull();
    expect(screen.getByRole('menuitem', { name: 'Перевести в другую организацию' })).toBeTruthy();
  });
});
