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

// The web's forms on a phone: leaving a changed form asks, two people editing one card see each
// other's change, long exports say they are busy and why they failed, and a passport shows the
// fields its level has.

const PASSWORD = 'e2e-forms-password';
const LEAVE = 'Изменения не сохранены. Уйти без сохранения?';

describe.runIf(e2eEnabled)('forms on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof apiSession>>;
  let centralId: string;
  let regionId: string;
  let otherRegionId: string;
  let primaryId: string;
  let memberId: string;

  beforeAll(async () => {
    server = await startServer();
    admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    centralId = admin.user.orgId;
    type Created = { id: string };
    regionId = (
      await admin.post<Created>('/orgs', {
        code: '37',
        level: 'regional',
        parentId: centralId,
        name: 'Ивановская областная организация',
      })
    ).id;
    otherRegionId = (
      await admin.post<Created>('/orgs', {
        code: '76',
        level: 'regional',
        parentId: centralId,
        name: 'Ярославская областная организация',
      })
    ).id;
    primaryId = (
      await admin.post<Created>('/orgs', {
        code: '37-005',
        level: 'primary',
        parentId: regionId,
        name: 'ППО МБОУ «Школа № 5»',
      })
    ).id;
    memberId = (
      await admin.post<Created>('/members', {
        orgId: primaryId,
        lastName: 'Киселёва',
        firstName: 'Марина',
      })
    ).id;
    await admin.post('/users', {
      login: 'editor37',
      role: 'editor',
      orgId: regionId,
      password: PASSWORD,
      fullName: 'Белова Ирина Сергеевна',
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a dialog with typed text asks before closing; an untouched one just closes', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'editor37', PASSWORD);
    await page.goto(`${server.baseUrl}/orgs/${primaryId}?tab=members`);
    const panel = page.getByRole('tabpanel', { name: 'Члены Профсоюза' });
    const register = panel.getByRole('button', { name: 'Поставить на учёт' });
    const dialog = page.getByRole('dialog', { name: 'Поставить на учёт' });
    const question = page.getByRole('dialog', { name: 'Изменения не сохранены' });

    await register.click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await question.count()).toBe(0);

    await register.click();
    const lastName = dialog.getByRole('textbox', { name: 'Фамилия', exact: true });
    await lastName.fill('Полякова');
    await page.keyboard.press('Escape');
    await expect.poll(() => question.textContent()).toContain(LEAVE);
    await question.getByRole('button', { name: 'Остаться' }).click();
    await question.waitFor({ state: 'detached' });
    expect(await lastName.inputValue()).toBe('Полякова');

    await dialog.getByRole('button', { name: 'Закрыть' }).click();
    await question.getByRole('button', { name: 'Уйти без сохранения' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.close();
  });

  it("a passport tab's open form asks before another tab, a link or a reload drops it", async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'editor37', PASSWORD);
    await page.goto(`${server.baseUrl}/orgs/${primaryId}`);
    // A step of history inside the app (to the region and back), for the history check below.
    await page
      .getByRole('navigation', { name: 'Путь в структуре Профсоюза' })
      .getByRole('link', { name: 'Ивановская областная организация' })
      .click();
    await page.waitForURL(new RegExp(`/orgs/${regionId}$`));
    await page.goBack();
    await page.waitForURL(new RegExp(`/orgs/${primaryId}$`));
    await page
      .getByRole('tabpanel', { name: 'ИНПО' })
      .getByRole('button', { name: 'Изменить' })
      .click();
    const form = page.getByRole('form', { name: 'ИНПО: изменение' });
    await form.getByLabel('Краткое наименование').fill('Школа 5');
    const question = page.getByRole('dialog', { name: 'Изменения не сохранены' });

    await page.getByRole('tab', { name: 'Председатель' }).click();
    await expect.poll(() => question.textContent()).toContain(LEAVE);
    await question.getByRole('button', { name: 'Остаться' }).click();
    expect(await form.getByLabel('Краткое наименование').inputValue()).toBe('Школа 5');

    // A reload or closing the tab: the page asks the browser to put its own question.
    const refused = () =>
      page.evaluate(() => {
        const event = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(event);
        return event.defaultPrevented;
      });
    expect(await refused()).toBe(true);

    // A step in the browser's history («Назад», «Вперёд») asks too; «Остаться» keeps the page
    // and the typed text.
    const here = page.url();
    await page.goForward();
    await expect.poll(() => question.textContent()).toContain(LEAVE);
    await question.getByRole('button', { name: 'Остаться' }).click();
    expect(page.url()).toBe(here);
    expect(await form.getByLabel('Краткое наименование').inputValue()).toBe('Школа 5');

    await page
      .getByRole('navigation', { name: 'Путь в структуре Профсоюза' })
      .getByRole('link', { name: 'Ивановская областная организация' })
      .click();
    await question.getByRole('button', { name: 'Уйти без сохранения' }).click();
    await page.waitForURL(new RegExp(`/orgs/${regionId}$`));
    // Nothing unsaved any more (once the old page has let go of its form): a reload goes
    // without a question.
    await expect.poll(refused).toBe(false);
    const org = await admin.get<{ shortName: string | null }>(`/orgs/${primaryId}`);
    expect(org.shortName).toBeNull();
    await page.close();
  });

  it('a card changed by someone meanwhile shows what changed and takes the changes on top', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'editor37', PASSWORD);
    await page.goto(`${server.baseUrl}/members/${memberId}?tab=contacts`);
    await page
      .getByRole('tabpanel', { name: 'Контакты' })
      .getByRole('button', { name: 'Изменить' })
      .click();
    const form = page.getByRole('form', { name: 'Контакты: изменение' });
    await form.getByLabel('Телефон').fill('+7 912 555-01-02');

    // Meanwhile another editor sets the phone and the e-mail.
    await admin.patch(`/members/${memberId}`, {
      phone: '+79125550303',
      email: 'marina@example.ru',
    });
    await form.getByRole('button', { name: 'Сохранить' }).click();
    const notice = form.getByRole('alert').filter({ hasText: 'Пока вы редактировали' });
    await expect.poll(() => notice.textContent()).toContain('карточку изменили');
    expect(await notice.textContent()).toContain(
      'Телефон: было не заполнено, стало +7 912 555-03-03',
    );
    // Only the fields this user edited are listed.
    expect(await notice.textContent()).not.toContain('E-mail');

    await notice.getByRole('button', { name: 'Применить мои изменения' }).click();
    await form.waitFor({ state: 'detached' });
    const card = await admin.get<{ phone: string; email: string }>(`/members/${memberId}`);
    expect(card).toMatchObject({ phone: '+79125550102', email: 'marina@example.ru' });
    await page.close();
  });

  it('a passport changed meanwhile: «Отменить мои изменения» keeps the other change', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'editor37', PASSWORD);
    await page.goto(`${server.baseUrl}/orgs/${primaryId}`);
    const panel = page.getByRole('tabpanel', { name: 'ИНПО' });
    await panel.getByRole('button', { name: 'Изменить' }).click();
    const form = page.getByRole('form', { name: 'ИНПО: изменение' });
    await form.getByLabel('Краткое наименование').fill('Школа пять');
    await admin.patch(`/orgs/${primaryId}`, { shortName: 'Школа № 5' });
    await form.getByRole('button', { name: 'Сохранить' }).click();
    const notice = form.getByRole('alert').filter({ hasText: 'Пока вы редактировали' });
    await expect
      .poll(() => notice.textContent())
      .toContain('Краткое наименование: было не заполнено, стало Школа № 5');
    await notice.getByRole('button', { name: 'Отменить мои изменения' }).click();
    await expect.poll(() => panel.textContent()).toContain('Школа № 5');
    const org = await admin.get<{ shortName: string }>(`/orgs/${primaryId}`);
    expect(org.shortName).toBe('Школа № 5');
    await page.close();
  });

  it('a PDF being prepared shows a busy button; a failed one says why', async () => {
    const page = await browser.newPage({ viewport: phoneViewport, acceptDownloads: true });
    await signIn(page, server.baseUrl, 'editor37', PASSWORD);
    await page.goto(`${server.baseUrl}/orgs/${primaryId}/short-passport`);
    const button = page.getByRole('button', { name: 'Скачать PDF' });
    await button.waitFor();

    // Hold the file back to see the wait: the real server answers once released.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/short-passport.pdf', async (route) => {
      await held;
      await route.continue();
    });
    const download = page.waitForEvent('download');
    await button.click();
    await expect.poll(() => button.getAttribute('data-loading')).toBe('true');
    expect(await button.isDisabled()).toBe(true);
    expect(await page.getByRole('status').filter({ hasText: 'Готовим файл' }).count()).toBe(1);
    release();
    expect((await download).suggestedFilename()).toBe('Краткий паспорт 37-005.pdf');
    await expect.poll(() => button.isDisabled()).toBe(false);
    await page.unroute('**/short-passport.pdf');

    // The passport's menu «Выгрузить» fetches its files the same way.
    await page.goto(`${server.baseUrl}/orgs/${primaryId}`);
    const exported = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Выгрузить' }).click();
    await page.getByRole('menuitem', { name: 'Организации — CSV' }).click();
    expect((await exported).suggestedFilename()).toBe('Организации.csv');
    await page.goto(`${server.baseUrl}/orgs/${primaryId}/short-passport`);
    await button.waitFor();

    // The org moves out of this editor's region: the file is refused, and the page says so.
    await admin.post(`/orgs/${primaryId}/move`, { parentId: otherRegionId });
    try {
      await button.click();
      await expect
        .poll(() =>
          page.getByRole('alert').filter({ hasText: 'Не удалось выгрузить файл' }).count(),
        )
        .toBe(1);
    } finally {
      await admin.post(`/orgs/${primaryId}/move`, { parentId: regionId });
    }
    await page.close();
  });

  it("the central org's passport has no fields of primaries and counts none of them missing", async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    // The header names the admin once, not «Администратор / Администратор».
    const account = page.getByRole('link', { name: /Администратор/ }).first();
    await account.waitFor();
    expect((await account.textContent())?.match(/Администратор/g)).toHaveLength(1);

    await page.goto(`${server.baseUrl}/orgs/${centralId}`);
    const inpo = page.getByRole('tabpanel', { name: 'ИНПО' });
    await expect.poll(() => inpo.textContent()).toContain('Полное наименование');
    const text = (await inpo.textContent()) ?? '';
    for (const label of ['Членский взнос', 'Малочисленная ПО', 'Наличие профкома']) {
      expect(text).not.toContain(label);
    }
    const badge = /Не заполнено полей: (\d+) из (\d+)/.exec(text);
    expect(Number(badge?.[2])).toBe(7);

    await page.getByRole('tab', { name: 'Система образования' }).click();
    const edu = page.getByRole('tabpanel', { name: 'Система образования' });
    await expect.poll(() => edu.textContent()).toContain('Наименование организации образования');
    expect(await edu.textContent()).not.toContain('Численность');

    // A primary has them all.
    await page.goto(`${server.baseUrl}/orgs/${primaryId}`);
    const own = page.getByRole('tabpanel', { name: 'ИНПО' });
    await expect.poll(() => own.textContent()).toContain('Малочисленная ПО');
    await page.close();
  });

  it('a name with quotes of its own is quoted with „лапки“ inside «ёлочек»', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'editor37', PASSWORD);
    await page.goto(`${server.baseUrl}/orgs/${primaryId}`);
    await page.getByRole('button', { name: 'Действия' }).click();
    await page.getByRole('menuitem', { name: 'Ликвидировать' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ликвидировать организацию' });
    await expect
      .poll(() => dialog.textContent())
      .toContain('«ППО МБОУ „Школа № 5“» получит статус');
    await page.close();
  });
});
