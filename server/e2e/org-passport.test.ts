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

const PASSWORD = 'e2e-user-password';

describe.runIf(e2eEnabled)('the passport on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let primaryId: string;

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    type Created = { id: string };
    const region = await admin.post<Created>('/orgs', {
      code: '54',
      level: 'regional',
      parentId: admin.user.orgId,
      name: 'Новосибирская областная организация',
    });
    const territorial = await admin.post<Created>('/orgs', {
      code: '54-01',
      level: 'territorial',
      parentId: region.id,
      name: 'Городская организация',
    });
    primaryId = (
      await admin.post<Created>('/orgs', {
        code: '54-01-001',
        level: 'primary',
        parentId: territorial.id,
        name: 'ППО школы № 42',
      })
    ).id;
    for (const [login, role] of [
      ['chair42', 'editor'],
      ['viewer42', 'viewer'],
    ] as const) {
      await admin.post('/users', {
        login,
        role,
        orgId: primaryId,
        password: PASSWORD,
        fullName: login,
      });
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an editor fills the Председатель tab, reloads and sees it saved', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'chair42', PASSWORD);
    await page.goto(`${server.baseUrl}/orgs/${primaryId}`);
    await page.getByRole('tab', { name: 'Председатель' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Председатель' });
    await expect.poll(() => panel.textContent()).toContain('не заполнено');
    await panel.getByRole('button', { name: 'Изменить' }).click();

    await page.getByLabel('Фамилия', { exact: true }).fill('Кузнецова');
    await page.getByLabel('Имя', { exact: true }).fill('Елена');
    await page.getByLabel('Отчество', { exact: true }).fill('Петровна');
    await page.getByLabel('Дата избрания', { exact: true }).fill('2024-09-01');
    await page.getByLabel('Телефон', { exact: true }).fill('8 912 345-67-89');
    await page.getByLabel('Согласие на SMS').check();
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await expect.poll(() => panel.getByRole('button', { name: 'Изменить' }).count()).toBe(1);

    await page.reload();
    const reloaded = page.getByRole('tabpanel', { name: 'Председатель' });
    await expect.poll(() => reloaded.textContent()).toContain('Кузнецова');
    const text = (await reloaded.textContent()) ?? '';
    expect(text).toContain('Петровна');
    // The phone came back normalised and the term end was filled: five years from election.
    expect(text.replace(/\D/g, '')).toContain('79123456789');
    expect(text).toMatch(/01\.09\.2029|2029-09-01/);
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(phoneViewport.width);
    await page.screenshot({ path: 'test-results/e2e-phone-chairman.png', fullPage: true });
    await page.close();
  });

  it('a viewer sees the passport with no edit controls', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'viewer42', PASSWORD);
    await page.goto(`${server.baseUrl}/orgs/${primaryId}?tab=chairman`);
    const panel = page.getByRole('tabpanel', { name: 'Председатель' });
    await expect.poll(() => panel.textContent()).toContain('Кузнецова');
    expect(await page.getByRole('button', { name: 'Изменить' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Действия' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Профактив' }).click();
    await page.getByRole('tabpanel', { name: 'Профактив' }).waitFor();
    expect(await page.getByRole('button', { name: 'Добавить' }).count()).toBe(0);
    await page.close();
  });
});
