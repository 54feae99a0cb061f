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

const PASSWORD = 'e2e-staff-password';

describe.runIf(e2eEnabled)('completeness: where data is missing and who fills it', () => {
  let server: RunningServer;
  let browser: Browser;
  let territorialId: string;
  let primaryId: string;

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    const region = await admin.post<{ id: string }>('/orgs', {
      code: '33',
      level: 'regional',
      parentId: admin.user.orgId,
      name: 'Владимирская областная организация',
    });
    const territorial = await admin.post<{ id: string }>('/orgs', {
      code: '33-10',
      level: 'territorial',
      parentId: region.id,
      name: 'Ковровская городская организация',
    });
    territorialId = territorial.id;
    const primaries: string[] = [];
    for (const [code, name] of [
      ['33-10-001', 'ППО школы № 3'],
      ['33-10-002', 'ППО детского сада № 12'],
      ['33-10-003', 'ППО гимназии № 1'],
    ] as const) {
      primaries.push(
        (
          await admin.post<{ id: string }>('/orgs', {
            code,
            level: 'primary',
            parentId: territorialId,
            name,
          })
        ).id,
      );
    }
    primaryId = primaries[0] as string;
    // The gymnasium's dues rate is set; the school and the kindergarten lack it.
    await admin.patch(`/orgs/${primaries[2]}`, { duesRate: 1 });
    await admin.post('/members', {
      orgId: primaryId,
      lastName: 'Морозова',
      firstName: 'Ольга',
      birthDate: '1985-06-01',
    });
    await admin.post('/users', {
      login: 'kovrov',
      role: 'viewer',
      orgId: territorialId,
      password: PASSWORD,
      fullName: 'Специалист Ковровской организации',
    });
    await admin.post('/users', {
      login: 'school3',
      role: 'editor',
      orgId: primaryId,
      password: PASSWORD,
      fullName: 'Председатель ППО школы № 3',
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a territorial user opens the dashboard, clicks a count and lands on the orgs lacking that field', async () => {
    const page = await browser.newPage();
    await signIn(page, server.baseUrl, 'kovrov', PASSWORD);
    // Home sends staff above primaries to their dashboard.
    await page.waitForURL(new RegExp(`/orgs/${territorialId}/dashboard`));
    await page.getByRole('heading', { name: 'Заполненность данных' }).waitFor();
    const duesRate = page.locator('li[data-indicator="duesRate"]');
    await duesRate.getByRole('link', { name: 'не заполнено у 2' }).click();
    await page.waitForURL(new RegExp(`/orgs/${territorialId}/completeness/duesRate`));
    await page.getByRole('heading', { name: 'Не заполнено: Размер членского взноса' }).waitFor();
    await page.getByRole('link', { name: 'ППО школы № 3' }).waitFor();
    await page.getByRole('link', { name: 'ППО детского сада № 12' }).waitFor();
    expect(await page.getByRole('link', { name: 'ППО гимназии № 1' }).count()).toBe(0);
    await page.close();
  });

  it('a chairman sees the to-do list on a phone and fills one item', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'school3', PASSWORD);
    await page.getByRole('heading', { name: 'Что заполнить' }).waitFor();
    await page.getByRole('link', { name: 'Пол: не указано у 1 члена' }).waitFor();
    await page.getByRole('link', { name: 'Не заполнено: Размер членского взноса' }).click();
    await page.waitForURL(new RegExp(`/orgs/${primaryId}\\?tab=inpo`));
    const form = page.getByRole('form', { name: /изменение/ });
    await form.getByLabel('Членский взнос, %').fill('1');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await form.waitFor({ state: 'detached' });
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('heading', { name: 'Что заполнить' }).waitFor();
    await page.getByRole('link', { name: 'Не заполнено: Наличие профкома' }).waitFor();
    expect(
      await page.getByRole('link', { name: 'Не заполнено: Размер членского взноса' }).count(),
    ).toBe(0);
    await page.close();
  });
});
