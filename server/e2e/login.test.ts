import type { Browser } from 'playwright-core';
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

describe.runIf(e2eEnabled)('signing in through the real login page', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    // A second-level org so the tree has something to expand.
    const admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    await admin.post('/orgs', {
      code: '77',
      level: 'regional',
      parentId: admin.user.orgId,
      name: 'Московская городская организация',
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('on a phone, a wrong password shows the server message, the right one opens the tree', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(/\/login/);

    await page.getByLabel('Логин').fill('admin');
    await page.getByLabel('Пароль', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Неверный логин или пароль');

    await page.getByLabel('Пароль', { exact: true }).fill(E2E_ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    // Staff above primaries land on their completeness dashboard; the tree is one step away.
    await page.waitForURL(/\/orgs\/\d+\/dashboard/);
    await page.getByRole('heading', { name: 'Заполненность данных' }).waitFor();
    await page.goto(`${server.baseUrl}/orgs`);

    const tree = page.getByRole('tree', { name: 'Дерево организаций' });
    await tree.waitFor();
    await expect
      .poll(() => tree.getByRole('treeitem').first().textContent())
      .toContain('Общероссийский Профсоюз образования');
    await expect.poll(() => tree.textContent()).toContain('Московская городская организация');

    // Nothing overflows the 390-px screen sideways.
    // Runs in the page, where `document` exists.
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(phoneViewport.width);
    await page.screenshot({ path: 'test-results/e2e-phone-tree.png' });
    await page.close();
  });

  it('signing out returns to the login page and the session is gone', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Заполненность данных' }).waitFor();
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.waitForURL(/\/login/);
    const me = await context.request.get(`${server.baseUrl}/api/v1/auth/me`);
    expect(me.status()).toBe(401);
    await context.close();
  });
});
