import type { Browser, Page } from 'playwright-core';
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

const PASSWORD = 'e2e-kindergarten-password';
const SURNAMES = ['Лебедева', 'Соболев', 'Кравец', 'Миронова', 'Тихонов', 'Фомина'];
const NAMES = [
  'Алина',
  'Борис',
  'Вера',
  'Глеб',
  'Дарья',
  'Егор',
  'Жанна',
  'Захар',
  'Инна',
  'Кирилл',
];

type Created = { id: string };

/** API requests a page sends from now on: `METHOD /path?query`. */
function recordApi(page: Page) {
  const seen: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/'))
      seen.push(`${request.method()} ${url.pathname}${url.search}`);
  });
  return seen;
}

describe.runIf(e2eEnabled)('the members list and the org picker on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  const kindergartens: Record<string, string> = {};
  let mover: Created;
  let youngest: string;

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    const org = (code: string, level: string, parentId: string, name: string) =>
      admin.post<Created>('/orgs', { code, level, parentId, name });
    const region = await org('59', 'regional', admin.user.orgId, 'Пермская краевая организация');
    const north = await org('59-1', 'territorial', region.id, 'Соликамская городская организация');
    const south = await org('59-2', 'territorial', region.id, 'Кунгурская районная организация');
    // Created so that name order alone would put «№ 110» and «№ 118» before «№ 11».
    for (const [code, parent, n] of [
      ['59-1-118', north, 118],
      ['59-1-110', north, 110],
      ['59-1-11', north, 11],
      ['59-2-11', south, 11],
    ] as const) {
      kindergartens[code] = (
        await org(code, 'primary', parent.id, `МБДОУ «Детский сад № ${n}»`)
      ).id;
    }
    const primaries = Object.values(kindergartens);
    // 61 members: a page of 50 and «Показать ещё».
    for (let i = 0; i < 61; i++) {
      const year = 1960 + (i % 40);
      await admin.post('/members', {
        orgId: primaries[i % primaries.length],
        lastName: SURNAMES[i % SURNAMES.length],
        firstName: NAMES[Math.floor(i / SURNAMES.length) % NAMES.length],
        birthDate: `${year}-0${1 + (i % 9)}-1${i % 10}`,
      });
    }
    youngest = 'Соболев';
    await admin.post('/members', {
      orgId: kindergartens['59-1-118'],
      lastName: 'Соболев',
      firstName: 'Юрий',
      birthDate: '2004-12-30',
    });
    mover = await admin.post<Created>('/members', {
      orgId: kindergartens['59-1-118'],
      lastName: 'Переездова',
      firstName: 'Ольга',
      birthDate: '1965-05-07',
      phone: '+79123456789',
    });
    await admin.post('/users', {
      login: 'chair118',
      role: 'editor',
      orgId: kindergartens['59-1-118'],
      password: PASSWORD,
      fullName: 'Председатель ППО детского сада № 118',
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('«Показать ещё» is one request a page; rows name their orgs without a request each', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    const requests = recordApi(page);
    await page.goto(`${server.baseUrl}/members`);
    const list = page.getByRole('list', { name: 'Члены Профсоюза' });
    const rows = list.getByRole('listitem');
    await expect.poll(() => rows.count()).toBe(50);
    await expect
      .poll(() => page.locator('[data-member-total]').textContent())
      .toBe('Найдено: 63 члена Профсоюза');
    await expect.poll(() => list.textContent()).toContain('МБДОУ «Детский сад № 11');

    await page.waitForLoadState('networkidle');
    const before = requests.length;
    await page.getByRole('button', { name: 'Показать ещё' }).click();
    await expect.poll(() => rows.count()).toBe(63);
    await page.waitForLoadState('networkidle');
    const more = requests.slice(before);
    expect(more).toHaveLength(1);
    expect(more[0]).toMatch(/^GET \/api\/v1\/members\?.*cursor=/);
    // No passport read for any org a row shows.
    const orgReads = requests.filter((r) =>
      Object.values(kindergartens).some((id) => r.startsWith(`GET /api/v1/orgs/${id}`)),
    );
    expect(orgReads).toEqual([]);

    // The order, on a phone a select: the youngest first.
    await page.getByLabel('Порядок').selectOption('-birthDate');
    await expect.poll(async () => (await rows.first().textContent()) ?? '').toContain(youngest);
    await expect.poll(async () => (await rows.first().textContent()) ?? '').toContain('30.12.2004');

    // A birth date as people type it.
    await page.getByRole('searchbox', { name: 'Поиск членов Профсоюза' }).fill('7.5.1965');
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => list.textContent()).toContain('Переездова Ольга');

    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(phoneViewport.width);
    await page.screenshot({ path: 'test-results/e2e-phone-member-list.png', fullPage: true });

    // A territory picked with the org search narrows the list and its count.
    await page.getByRole('button', { name: 'Очистить поиск' }).click();
    await page.getByRole('button', { name: 'Выбрать территорию' }).click();
    const territory = page.getByRole('dialog', { name: 'Территория' });
    await territory.getByRole('searchbox', { name: 'Территориальная организация' }).fill('Кунгур');
    await territory.getByRole('button', { name: /Кунгурская районная организация/ }).click();
    await expect
      .poll(() => page.locator('[data-member-total]').textContent())
      .toBe('Найдено: 15 членов Профсоюза');
    await page.close();
  });

  it('an admin of the centre puts a member on record, picking the primary first', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    await page.goto(`${server.baseUrl}/members`);
    await page.getByRole('button', { name: 'Поставить на учёт' }).click();
    const dialog = page.getByRole('dialog', { name: 'Поставить на учёт' });
    await dialog.getByRole('searchbox', { name: 'Первичная организация' }).fill('сад 110');
    await dialog
      .getByRole('button', { name: /Детский сад № 110/ })
      .first()
      .click();
    await page
      .getByRole('dialog', { name: 'Поставить на учёт' })
      .getByRole('textbox', { name: 'Фамилия', exact: true })
      .fill('Новикова');
    await page.close();
  });

  it('the card shows where the member is and a readable phone', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    await page.goto(`${server.baseUrl}/members/${mover.id}?tab=contacts`);
    const place = page.getByRole('navigation', { name: 'Где состоит на учёте' });
    await expect
      .poll(() => place.textContent())
      .toBe(
        'Пермская краевая организация›Соликамская городская организация›МБДОУ «Детский сад № 118»',
      );
    await expect
      .poll(() => page.getByRole('tabpanel', { name: 'Контакты' }).textContent())
      .toContain('+7 912 345-67-89');
    await page.close();
  });

  it('a kindergarten chairman transfers a member: «№ 11» ranks first, each with its district', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'chair118', PASSWORD);
    await page.goto(`${server.baseUrl}/members/${mover.id}`);
    await page.getByRole('button', { name: 'Действия' }).click();
    await page.getByRole('menuitem', { name: 'Перевести в другую организацию' }).click();
    const dialog = page.getByRole('dialog', { name: 'Перевести в другую организацию' });
    await dialog.getByRole('searchbox', { name: 'Первичная организация' }).fill('11');
    const options = dialog.getByRole('list', { name: 'Результаты поиска' }).getByRole('button');
    await expect.poll(() => options.count()).toBe(4);
    const texts = await options.allTextContents();
    expect(texts[0]).toContain('«Детский сад № 11»');
    expect(texts[1]).toContain('«Детский сад № 11»');
    // Namesakes told apart by their parents; the chairman sees the other district too.
    expect(texts.slice(0, 2).sort()).toEqual([
      expect.stringContaining('Пермская краевая организация › Кунгурская районная организация'),
      expect.stringContaining('Пермская краевая организация › Соликамская городская организация'),
    ]);
    expect(texts[2]).toContain('№ 110');
    expect(texts[3]).toContain('Член Профсоюза уже на учёте здесь');

    await options.filter({ hasText: 'Кунгурская' }).click();
    await dialog.getByRole('button', { name: 'Перевести' }).click();
    // A transfer confirms in words, naming the org and its district, before it happens.
    const confirm = dialog.getByRole('alert');
    await expect.poll(() => confirm.textContent()).toContain('Кунгурская районная организация');
    expect(await confirm.textContent()).toContain('„Детский сад № 11“');
    await dialog.getByRole('button', { name: 'Да, перевести' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    const moved = await admin.get<{ orgId: string }>(`/members/${mover.id}`);
    expect(moved.orgId).toBe(kindergartens['59-2-11']);
    await page.close();
  });
});
