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

const PASSWORD = 'e2e-chair-password';

describe.runIf(e2eEnabled)('a chairman on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let primaryId: string;

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    type Created = { id: string };
    const region = await admin.post<Created>('/orgs', {
      code: '66',
      level: 'regional',
      parentId: admin.user.orgId,
      name: 'Свердловская областная организация',
    });
    primaryId = (
      await admin.post<Created>('/orgs', {
        code: '66-U1',
        level: 'primary',
        parentId: region.id,
        name: 'ППО педагогического университета',
      })
    ).id;
    await admin.post('/users', {
      login: 'chair66',
      role: 'editor',
      orgId: primaryId,
      password: PASSWORD,
      fullName: 'Председатель ППО',
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('puts a member on record and takes them off record, in a few taps from the list', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'chair66', PASSWORD);
    await page.goto(`${server.baseUrl}/orgs/${primaryId}?tab=members`);
    const panel = page.getByRole('tabpanel', { name: 'Члены Профсоюза' });

    // Put on record: one tap to open the short form, fill it, one tap to save.
    await panel.getByRole('button', { name: 'Поставить на учёт' }).click();
    const dialog = page.getByRole('dialog', { name: 'Поставить на учёт' });
    await dialog.getByRole('textbox', { name: 'Фамилия', exact: true }).fill('Зайцева');
    await dialog.getByRole('textbox', { name: 'Имя', exact: true }).fill('Екатерина');
    await dialog.getByLabel('Отчество').fill('Андреевна');
    await dialog.getByLabel('Дата рождения').fill('1992-04-17');
    await dialog.getByRole('button', { name: 'Поставить на учёт' }).click();
    const status = dialog.getByRole('status');
    await expect.poll(() => status.textContent()).toMatch(/\d{4} \d{4} \d{4} \d{4}/);
    await dialog.getByRole('button', { name: 'Готово' }).click();

    const list = panel.getByRole('list', { name: 'Члены Профсоюза' });
    await expect.poll(() => list.textContent()).toContain('Зайцева Екатерина');

    // Take off record: the row action, the reason, confirm.
    await panel.getByRole('button', { name: /^Снять с учёта: Зайцева Екатерина/ }).click();
    const off = page.getByRole('dialog', { name: 'Снять с учёта' });
    await off.getByLabel('Причина').selectOption('left_job');
    await off.getByRole('button', { name: 'Снять с учёта' }).click();
    await expect
      .poll(
        async () => (await list.count()) === 0 || !(await list.textContent())?.includes('Зайцева'),
      )
      .toBe(true);

    // The record stays, off record, with the reason on its history.
    const admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    const found = await admin.get<{ items: unknown[] }>(
      `/members?q=${encodeURIComponent('Зайцева')}`,
    );
    const [member] = found.items;
    expect(member).toMatchObject({
      status: 'deregistered',
      deregisterReason: 'left_job',
      orgId: primaryId,
    });

    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(phoneViewport.width);
    await page.screenshot({ path: 'test-results/e2e-phone-members.png', fullPage: true });
    await page.close();
  });
});
