import type { MemberListPage, StaffAction } from '@profreestr/contracts';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { me, renderApp, stubServer } from '../test/app';
import { activeMember, EDITOR, primaryOrg, VIEWER } from '../test/fixtures';

const page: MemberListPage = {
  items: [{ ...activeMember, orgName: primaryOrg.name }],
  nextCursor: null,
  total: { count: 1, exact: true },
};
const ROW_ACTION = 'Снять с учёта: Петров Сергей Иванович';

function openMembers(permissions: readonly StaffAction[]) {
  stubServer({
    'GET /auth/me': me(permissions),
    'GET /orgs/1': primaryOrg,
    'GET /orgs/1/ancestors': { items: [primaryOrg] },
    'GET /members': page,
  });
  renderApp('/members');
}

describe('the members list', () => {
  it('a viewer sees the members without «Поставить на учёт» and «Снять с учёта»', async () => {
    openMembers(VIEWER);
    expect(await screen.findByRole('link', { name: 'Петров Сергей Иванович' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Поставить на учёт' })).toBeNull();
    expect(screen.queryByRole('button', { name: ROW_ACTION })).toBeNull();
  });

  it('an editor puts people on record and takes them off it', async () => {
    openMembers(EDITOR);
    expect(await screen.findByRole('button', { name: ROW_ACTION })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Поставить на учёт' })).toBeTruthy();
  });

  it('member:create without member:deregister: «Поставить на учёт» but no row action', async () => {
    openMembers([...VIEWER, 'member:create']);
    expect(await screen.findByRole('link', { name: 'Петров Сергей Иванович' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Поставить на учёт' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: ROW_ACTION })).toBeNull();
  });
});
