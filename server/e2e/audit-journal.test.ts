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

// The audit journal on a phone speaks Russian: actions by name (no `member.read`), records by
// their names now, refusals in a sentence, and the action filter a choice of names.

const MEMBER = 'Журавлёва Ирина';

describe.runIf(e2eEnabled)('the audit journal on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let memberId: string;

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    type Created = { id: string };
    const region = await admin.post<Created>('/orgs', {
      code: '59',
      level: 'regional',
      parentId: admin.user.orgId,
      name: 'Пермская краевая организация',
    });
    const primary = await admin.post<Created>('/orgs', {
      code: '59-S1',
      level: 'primary',
      parentId: region.id,
      name: 'ППО гимназии № 4',
    });
    const [lastName, firstName] = MEMBER.split(' ');
    memberId = (await admin.post<Created>('/members', { orgId: primary.id, lastName, firstName }))
      .id;
    // A read of the card and a refused request for a card that does not exist.
    await admin.get(`/members/${memberId}`);
    await expect(admin.get('/members/999999')).rejects.toThrow(/ 404 /);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows actions and records by their Russian names, never the codes', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Открыть меню' }).click();
    await page
      .getByRole('navigation', { name: 'Основное меню' })
      .getByRole('link', { name: 'Журнал аудита' })
      .click();
    await page.getByRole('heading', { name: 'Журнал аудита' }).waitFor();
    const list = page.getByRole('list', { name: 'Записи журнала аудита' });
    await list.getByRole('listitem').first().waitFor();

    const read = list
      .getByRole('listitem')
      .filter({ hasText: 'Просмотр карточки члена Профсоюза' })
      .first();
    await expect.poll(() => read.textContent()).toContain(MEMBER);
    expect(await read.getByRole('link', { name: MEMBER }).getAttribute('href')).toBe(
      `/members/${memberId}`,
    );
    expect(await read.textContent()).toContain('Администратор (admin)');
    await expect
      .poll(() => list.textContent())
      .toContain('Карточка члена Профсоюза: № 999999 — не найдено');
    const text = (await list.textContent()) ?? '';
    for (const raw of ['member.read', 'access.denied', 'org.create', 'route', 'status:']) {
      expect(text).not.toContain(raw);
    }
    expect(text).toContain('Создание организации');

    // The filter is a choice of names; choosing one leaves only those entries.
    const select = page.getByLabel('Действие', { exact: true });
    const options = await select.locator('option').allTextContents();
    expect(options).toContain('Просмотр карточки члена Профсоюза');
    expect(options.filter((o) => /^[a-z_]+\.[a-z_.]*$/.test(o))).toEqual([]);
    await select.selectOption({ label: 'Просмотр карточки члена Профсоюза' });
    await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('member.read');
    await expect
      .poll(async () => {
        const items = await list.getByRole('listitem').allTextContents();
        return items.every((item) => item.includes('Просмотр карточки члена Профсоюза'));
      })
      .toBe(true);
    await page.close();
  });

  it("the member card's «Кто просматривал» names the reader and the action", async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    await page.goto(`${server.baseUrl}/members/${memberId}`);
    await page.getByRole('tab', { name: 'Кто просматривал' }).click();
    const trail = page.getByRole('list', { name: 'Просмотры и изменения карточки' });
    await trail.getByRole('listitem').first().waitFor();
    const text = (await trail.textContent()) ?? '';
    expect(text).toContain('Просмотр карточки члена Профсоюза');
    expect(text).toContain('Постановка на учёт');
    expect(text).toContain('Администратор (admin)');
    expect(text).not.toContain('member.');
    await page.close();
  });
});
