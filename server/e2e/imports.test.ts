import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, signIn } from './e2e-api.js';
import {
  E2E_ADMIN_PASSWORD,
  e2eEnabled,
  launchBrowser,
  type RunningServer,
  startServer,
} from './e2e-server.js';

describe.runIf(e2eEnabled)('regional staff load a spreadsheet', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    const region = await admin.post<{ id: string }>('/orgs', {
      code: '69',
      level: 'regional',
      parentId: admin.user.orgId,
      name: 'Тверская областная организация',
    });
    await admin.post('/orgs', {
      code: '69-001',
      level: 'primary',
      parentId: region.id,
      name: 'ППО школы № 1',
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('uploads a file with two bad rows, watches the progress and downloads the rejected rows', async () => {
    const rows = ['Код организации;Фамилия;Имя;Дата рождения;E-mail'];
    for (let i = 0; i < 40; i++)
      rows.push(
        `69-001;Иванова;Анна${'абвгдежзиклмнопрстуфхцчшщэюя'[i % 28]};0${(i % 9) + 1}.01.19${60 + i};`,
      );
    rows.splice(5, 0, '69-001;Ошибкина;Дата;32.01.1980;');
    rows.splice(20, 0, '69-001;Ошибкина;Почта;01.01.1980;нет-почты');
    const page = await browser.newPage({ acceptDownloads: true });
    await signIn(page, server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    await page.goto(`${server.baseUrl}/imports`);
    await page.locator('input[type="file"]').setInputFiles({
      name: 'members.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rows.join('\r\n')),
    });
    await page.getByRole('button', { name: 'Загрузить' }).click();
    await page.waitForURL(/\/imports\/\d+$/);
    await expect
      .poll(() => page.getByRole('progressbar', { name: 'Ход загрузки' }).count())
      .toBe(1);
    await page.getByText('Отклонено: 2').waitFor();
    await page.getByText(`Обработано ${rows.length - 1} из ${rows.length - 1}`).waitFor();
    await page.getByRole('cell', { name: 'Дата рождения' }).waitFor();
    await page.getByRole('cell', { name: 'E-mail' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Скачать отклонённые строки (XLSX)' }).click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path()) ?? '');
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no sheet in the rejected-rows file');
    const header = sheet.getRow(1).values as string[];
    const names = [2, 3].map((n) => (sheet.getRow(n).values as string[])[header.indexOf('Имя')]);
    expect(names).toEqual(['Дата', 'Почта']);
    expect(sheet.rowCount).toBe(3);
  });
});
