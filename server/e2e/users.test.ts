import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, signIn } from './e2e-api.js';
import {
  E2E_ADMIN_PASSWORD,
  e2eEnabled,
  launchBrowser,
  phoneViewport,
  type RunningServer,
  startServer,
} from './e2e-server.js';

// User management on a phone: the admin creates a viewer for a regional organization, takes
// their access away (the viewer can no longer sign in) and gives it back.

const LOGIN = 'tomsk.viewer';
const PASSWORD = 'e2e-viewer-password';

describe.runIf(e2eEnabled)('an admin manages users on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let regionId: string;

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    const region = await admin.post<{ id: string }>('/orgs', {
      code: '70',
      level: 'regional',
      parentId: admin.user.orgId,
      name: 'Томская региональная организация',
    });
    regionId = region.id;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** `POST /auth/login` as the viewer: the status alone. */
  const viewerSignIn = async () =>
    (
      await fetch(`${server.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: LOGIN, password: PASSWORD }),
      })
    ).status;

  /** «Изменить» of the viewer's card: the switch «Доступ отключён» set to `off`, saved. */
  const setAccessOff = async (page: Page, card: Locator, off: boolean) => {
    await card.getByRole('button', { name: `Действия: ${LOGIN}` }).click();
    await expect
      .poll(() => page.getByRole('menuitem', { name: 'Сбросить второй фактор' }).count())
      .toBe(0);
    await page.getByRole('menuitem', { name: 'Изменить' }).click();
    const dialog = page.getByRole('dialog', { name: 'Изменить пользователя' });
    const access = dialog.getByLabel('Доступ отключён');
    expect(await access.isChecked()).toBe(!off);
    await access.setChecked(off, { force: true });
    if (off) {
      await expect
        .poll(() => dialog.textContent())
        .toContain('Все сеансы пользователя сразу завершатся');
    }
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => card.textContent()).toContain(off ? 'отключён' : 'активен');
  };

  it('creates a viewer, disables them (no sign-in) and enables them again', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);

    await page.getByRole('button', { name: 'Открыть меню' }).click();
    await page
      .getByRole('navigation', { name: 'Основное меню' })
      .getByRole('link', { name: 'Пользователи' })
      .click();
    await page.getByRole('heading', { name: 'Пользователи' }).waitFor();
    const list = page.getByRole('list', { name: 'Пользователи' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);

    await page.getByRole('button', { name: 'Новый пользователь' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новый пользователь' });
    // A taken login first: the server's refusal shows under «Логин».
    await dialog.getByLabel('Логин', { exact: true }).fill('admin');
    await dialog.getByLabel('ФИО', { exact: true }).fill('Смирнова Ольга Игоревна');
    await dialog.getByLabel('Роль', { exact: true }).selectOption({ label: 'Просмотр' });
    // The admin's own (central) organization is chosen first; the viewer belongs to the region.
    await dialog.getByRole('button', { name: 'Выбрать другую' }).click();
    await dialog.getByLabel('Организация', { exact: true }).fill('Томская');
    await dialog.getByRole('button', { name: /Томская региональная организация/ }).click();
    await dialog
      .getByRole('group', { name: 'Выбрано: Томская региональная организация' })
      .waitFor();
    await dialog.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Создать' }).click();
    await expect
      .poll(() => dialog.getByLabel('Логин', { exact: true }).getAttribute('aria-invalid'))
      .toBe('true');
    await expect
      .poll(() => dialog.textContent())
      .toContain('Пользователь с таким логином уже есть');

    await dialog.getByLabel('Логин', { exact: true }).fill(LOGIN);
    await dialog.getByRole('button', { name: 'Создать' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByRole('status')
      .filter({ hasText: `Пользователь ${LOGIN} создан.` })
      .waitFor();

    const card = list.getByRole('listitem', { name: LOGIN });
    await expect.poll(() => card.textContent()).toContain('Смирнова Ольга Игоревна');
    const text = await card.textContent();
    expect(text).toContain('Просмотр');
    expect(text).toContain('активен');
    expect(text).toContain('нет');
    expect(await card.getByRole('link').getAttribute('href')).toBe(`/orgs/${regionId}`);
    // Signed in before the access goes: that session ends with it.
    const viewer = await apiSession(server.baseUrl, LOGIN, PASSWORD);
    await viewer.get('/auth/me');

    await setAccessOff(page, card, true);
    expect(await viewerSignIn()).toBe(401);
    await expect(viewer.get('/auth/me')).rejects.toThrow(/ 401 /);

    await setAccessOff(page, card, false);
    expect(await viewerSignIn()).toBe(200);
    await page.close();
  });
});
