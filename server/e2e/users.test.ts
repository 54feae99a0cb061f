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

// User management on a phone: the admin creates a viewer for a regional organization (no org
// is chosen for them), takes their access away (the viewer can no longer sign in) and gives it
// back, finds them by name and gives them a new password; an editor only adds a colleague.

const LOGIN = 'tomsk.viewer';
const PASSWORD = 'e2e-viewer-password';
const NEW_PASSWORD = 'e2e-renewed-password';
const EDITOR = 'tomsk.editor';
const EDITOR_PASSWORD = 'e2e-editor-password';
const REGION = 'Томская региональная организация';

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
      name: REGION,
    });
    regionId = region.id;
    await admin.post('/users', {
      login: EDITOR,
      role: 'editor',
      orgId: regionId,
      password: EDITOR_PASSWORD,
      fullName: 'Редактор Томской организации',
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** `POST /auth/login` as the viewer: the status alone. */
  const viewerSignIn = async (password = PASSWORD) =>
    (
      await fetch(`${server.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: LOGIN, password }),
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
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);

    await page.getByRole('button', { name: 'Новый пользователь' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новый пользователь' });
    // A taken login first: the server's refusal shows under «Логин».
    await dialog.getByLabel('Логин', { exact: true }).fill('admin');
    await dialog.getByLabel('ФИО', { exact: true }).fill('Смирнова Ольга Игоревна');
    await dialog.getByLabel('Роль', { exact: true }).selectOption({ label: 'Просмотр' });
    // No org is chosen, nor offered: the centre's admin's own org is the whole union.
    expect(await dialog.getByRole('group', { name: /^Выбрано:/ }).count()).toBe(0);
    expect(await dialog.getByRole('group', { name: 'Быстрый выбор организации' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Создать' }).click();
    await expect.poll(() => dialog.textContent()).toContain('Выберите организацию');
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
    const orgLink = card.getByRole('link', { name: REGION });
    expect(await orgLink.getAttribute('href')).toBe(`/orgs/${regionId}`);
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

  it('finds the viewer by name and gives them a new password; their session ends', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    await page.goto(`${server.baseUrl}/users`);
    const list = page.getByRole('list', { name: 'Пользователи' });
    await list.getByRole('listitem').first().waitFor();

    await page.getByLabel('Поиск', { exact: true }).fill('нет такого');
    await page.getByRole('status').filter({ hasText: 'Никого не нашлось' }).waitFor();
    await page.getByLabel('Поиск', { exact: true }).fill('смирнова ольга');
    await expect.poll(() => list.getByRole('listitem').allTextContents()).toHaveLength(1);
    const card = list.getByRole('listitem', { name: LOGIN });
    await card.waitFor();

    const viewer = await apiSession(server.baseUrl, LOGIN, PASSWORD);
    await card.getByRole('button', { name: `Действия: ${LOGIN}` }).click();
    await page.getByRole('menuitem', { name: 'Задать новый пароль' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новый пароль' });
    // A common password is refused under the field, as the server says.
    await dialog.getByLabel('Пароль', { exact: true }).fill('qwertyuiop');
    await dialog.getByRole('button', { name: 'Задать пароль' }).click();
    await expect.poll(() => dialog.textContent()).toContain('слишком распространён');
    await dialog.getByLabel('Пароль', { exact: true }).fill(NEW_PASSWORD);
    await dialog.getByRole('button', { name: 'Задать пароль' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByRole('status')
      .filter({ hasText: `Пароль пользователя ${LOGIN} изменён.` })
      .waitFor();
    await expect(viewer.get('/auth/me')).rejects.toThrow(/ 401 /);
    expect(await viewerSignIn()).toBe(401);
    expect(await viewerSignIn(NEW_PASSWORD)).toBe(200);
    await page.close();
  });

  it('an editor sees no list of users but adds a colleague to their own org in a tap', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, EDITOR, EDITOR_PASSWORD);
    await page.goto(`${server.baseUrl}/users`);
    await page.getByRole('heading', { name: 'Пользователи' }).waitFor();
    await page.getByRole('button', { name: 'Новый пользователь' }).waitFor();
    expect(await page.getByRole('list', { name: 'Пользователи' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Новый пользователь' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новый пользователь' });
    await dialog.getByLabel('Логин', { exact: true }).fill('tomsk.colleague');
    await dialog.getByLabel('ФИО', { exact: true }).fill('Коллегова Мария Петровна');
    // An editor gives no role above their own.
    const roles = await dialog
      .getByLabel('Роль', { exact: true })
      .locator('option')
      .allTextContents();
    expect(roles).toEqual(['Просмотр', 'Редактор']);
    await dialog
      .getByRole('group', { name: 'Быстрый выбор организации' })
      .getByRole('button', { name: REGION })
      .click();
    await dialog.getByRole('group', { name: `Выбрано: ${REGION}` }).waitFor();
    await dialog.getByLabel('Пароль', { exact: true }).fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Создать' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByRole('status')
      .filter({ hasText: 'Пользователь tomsk.colleague создан.' })
      .waitFor();
    await page.close();
  });
});
