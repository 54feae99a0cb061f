import type { StaffAction } from '@profreestr/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { me, renderApp, type SentRequest, stubServer } from '../test/app';
import { EDITOR, VIEWER } from '../test/fixtures';

/** The main menu of a user with these permissions, over a server counting `submitted`. */
async function openMenu(permissions: readonly StaffAction[], submitted: number) {
  const requests = stubServer({
    'GET /auth/me': me(permissions),
    'GET /applications/count': { submitted },
  });
  renderApp('/no-such-page');
  const nav = await screen.findByRole('navigation', { name: 'Основное меню' });
  await within(nav).findByRole('link', { name: 'Организации' });
  return { nav, requests };
}

const countAsks = (requests: SentRequest[]) =>
  requests.filter((r) => r.path === '/applications/count');

describe('«Заявления» in the main menu', () => {
  it('shows the count of applications waiting for a decision', async () => {
    const { nav } = await openMenu(VIEWER, 3);
    const link = await within(nav).findByRole('link', { name: /^Заявления[\s,]+ждут решения: 3$/ });
    expect(link.getAttribute('href')).toBe('/applications');
    expect(within(link).getByText('3')).toBeTruthy();
  });

  it('has no badge when none waits', async () => {
    const { nav, requests } = await openMenu(EDITOR, 0);
    await within(nav).findByRole('link', { name: 'Заявления' });
    expect(countAsks(requests)).toHaveLength(1);
    expect(within(nav).queryByText('0')).toBeNull();
  });

  it('is not there, nor counted, without application:read', async () => {
    const { nav, requests } = await openMenu(['org:read', 'member:read'], 3);
    expect(within(nav).queryByRole('link', { name: /Заявления/ })).toBeNull();
    expect(countAsks(requests)).toHaveLength(0);
  });
});
