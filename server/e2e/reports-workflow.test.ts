import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../test/until.js';
import { apiSession, signIn } from './e2e-api.js';
import {
  E2E_ADMIN_PASSWORD,
  e2eEnabled,
  launchBrowser,
  phoneViewport,
  type RunningServer,
  startServer,
} from './e2e-server.js';

// A statistical report's whole life on a phone: the centre opens a 5 СП campaign for a region;
// the chairman of a primary opens the report, finds the register's figures already in it, types
// what the register does not know (saved as they type), meets a rule that fails and fixes it,
// and submits. The territorial organization returns it with a comment (the chairman gets a
// letter), the chairman corrects and submits again, the territorial organization accepts.

const PRIMARY = 'ППО школы № 12';
const CHAIR_LOGIN = 'school12.chair';
const CHAIR_PASSWORD = 'e2e-chair-password';
const CHAIR_EMAIL = 'school12.chair@example.org';
const TERR_LOGIN = 'tobolsk.editor';
const TERR_PASSWORD = 'e2e-territorial-password';
const RETURN_COMMENT = 'Уточните число обучающихся по данным на 1 января.';
const RULE_MESSAGE = 'Работающих членов Профсоюза больше, чем работников';

// Section titles of the 5 СП form (server/src/features/reports/forms/5sp.ts).
const MEMBERS_SECTION = 'Численность членов Профсоюза';
const WORKFORCE_SECTION = 'Работники и обучающиеся организации';
const COVERAGE_SECTION = 'Охват профсоюзным членством';

describe.runIf(e2eEnabled)('a statistical report from draft to accepted on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof apiSession>>;
  let chairContext: BrowserContext;
  let terrContext: BrowserContext;
  let chairPage: Page;
  let terrPage: Page;
  let reportId = '';

  /** Nothing wider than the phone: no sideways scrolling. */
  const fitsThePhone = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      phoneViewport.width,
    );

  /** A form section (an accordion panel) by its title; its control may add «есть ошибки». */
  const section = (page: Page, title: string) =>
    page.getByRole('region', { name: new RegExp(`^${title}`) });
  const cell = (page: Page, sectionTitle: string, label: string) =>
    section(page, sectionTitle).getByRole('textbox', { name: label, exact: true });
  /** A cell with what is shown beside it: the register's hint, the failing rules. */
  const cellBlock = (page: Page, code: string) => page.locator(`[data-cell-block="${code}"]`);

  /** The report's state as the badge under its title says it. */
  const statusBadge = (page: Page, label: string) =>
    page
      .locator('header')
      .filter({ has: page.getByRole('heading', { level: 1 }) })
      .getByText(label, { exact: true });

  /** Typing pauses, the draft saves itself: «Сохранение…», then «Сохранено». */
  const autosaved = async (page: Page) => {
    await page.getByRole('status').filter({ hasText: 'Сохранение…' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^Сохранено$/ })
      .waitFor();
  };

  beforeAll(async () => {
    server = await startServer();
    admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    const region = await admin.post<{ id: string }>('/orgs', {
      code: '72',
      level: 'regional',
      parentId: admin.user.orgId,
      name: 'Тюменская областная организация',
    });
    const district = await admin.post<{ id: string }>('/orgs', {
      code: '72-3',
      level: 'territorial',
      parentId: region.id,
      name: 'Тобольская городская организация',
    });
    const school = await admin.post<{ id: string }>('/orgs', {
      code: '72-3-12',
      level: 'primary',
      parentId: district.id,
      name: PRIMARY,
    });
    // The chairman in the passport, with an e-mail and letters on: a returned report is told.
    await admin.patch(`/orgs/${school.id}`, {
      chairman: {
        lastName: 'Белова',
        firstName: 'Ирина',
        middleName: 'Сергеевна',
        email: CHAIR_EMAIL,
        notify: { email: true },
      },
    });
    await admin.post('/users', {
      login: CHAIR_LOGIN,
      role: 'editor',
      orgId: school.id,
      password: CHAIR_PASSWORD,
      fullName: 'Белова Ирина Сергеевна',
    });
    await admin.post('/users', {
      login: TERR_LOGIN,
      role: 'editor',
      orgId: district.id,
      password: TERR_PASSWORD,
      fullName: 'Орлов Андрей Николаевич',
    });
    // On record before the report date: two working members and a student.
    const member = (lastName: string, extra: Record<string, unknown>) =>
      admin.post('/members', {
        orgId: school.id,
        lastName,
        firstName: 'Тест',
        registeredOn: '2025-05-01',
        ...extra,
      });
    await member('Иванова', { sex: 'female', birthDate: '1980-04-12', category: 'working' });
    await member('Петров', { sex: 'male', birthDate: '1975-09-30', category: 'working' });
    await member('Сидорова', { sex: 'female', birthDate: '2004-02-15', category: 'student' });

    // The centre opens the campaign for the region; the reports are made in the background.
    const campaign = await admin.post<{ id: string }>('/report-campaigns', {
      formCode: '5sp',
      asOf: '2026-01-01',
      deadline: '2027-03-01',
      under: region.id,
    });
    const opened = await until(
      () => admin.get<{ status: string }>(`/report-campaigns/${campaign.id}`),
      (c) => c.status === 'open',
      30_000,
    );
    expect(opened.status).toBe('open');
    const reports = await admin.get<{ items: { id: string; orgId: string; status: string }[] }>(
      `/reports?campaignId=${campaign.id}`,
    );
    const report = reports.items.find((r) => r.orgId === school.id);
    expect(report?.status).toBe('draft');
    reportId = report?.id ?? '';

    browser = await launchBrowser();
    chairContext = await browser.newContext({ viewport: phoneViewport });
    terrContext = await browser.newContext({ viewport: phoneViewport });
    chairPage = await chairContext.newPage();
    terrPage = await terrContext.newPage();
  });

  afterAll(async () => {
    await chairContext?.close();
    await terrContext?.close();
    await browser?.close();
    await server?.stop();
  });

  it('the chairman fills the report in, meets a failing rule, fixes it and submits', async () => {
    const page = chairPage;
    await signIn(page, server.baseUrl, CHAIR_LOGIN, CHAIR_PASSWORD);
    await page.getByRole('button', { name: 'Открыть меню' }).click();
    await page
      .getByRole('navigation', { name: 'Основное меню' })
      .getByRole('link', { name: 'Отчёты', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Отчёты', level: 1 }).waitFor();
    await page.getByRole('list', { name: 'Отчёты' }).getByRole('link', { name: PRIMARY }).click();
    await page.waitForURL((url) => url.pathname === `/reports/${reportId}`);
    await page.getByRole('heading', { name: /^Форма 5 СП/, level: 1 }).waitFor();
    await statusBadge(page, 'Черновик').waitFor();

    // The register's figures are in already, marked as such.
    const total = cell(page, MEMBERS_SECTION, 'Всего членов Профсоюза');
    expect(await total.inputValue()).toBe('3');
    expect(await cell(page, MEMBERS_SECTION, 'Работающих').inputValue()).toBe('2');
    await cellBlock(page, 'members_total').getByText('из реестра', { exact: true }).waitFor();
    await cellBlock(page, 'members_total').getByText('в реестре: 3', { exact: true }).waitFor();
    await fitsThePhone(page);

    // Fewer employees than working members: the rule's message beside the cell.
    const employees = cell(page, WORKFORCE_SECTION, 'Работников в организации');
    await employees.fill('1');
    await autosaved(page);
    await cellBlock(page, 'employees').getByText(RULE_MESSAGE).waitFor();
    expect(await employees.getAttribute('aria-invalid')).toBe('true');
    await cellBlock(page, 'members_working').getByText(RULE_MESSAGE).waitFor();
    await page.getByRole('region', { name: 'Ошибки в отчёте' }).getByText(RULE_MESSAGE).waitFor();
    await fitsThePhone(page);

    // Submitting now is refused, with the failing rules listed.
    await page.getByRole('button', { name: 'Сдать отчёт' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Отчёт не сдан' });
    await refusal
      .getByRole('list', { name: 'Не выполнены условия' })
      .getByText(RULE_MESSAGE)
      .waitFor();
    await statusBadge(page, 'Черновик').waitFor();

    // Corrected: the message goes, the coverage is counted.
    await employees.fill('40');
    await cell(page, WORKFORCE_SECTION, 'Обучающихся в организации').fill('300');
    await autosaved(page);
    await page.getByRole('region', { name: 'Ошибки в отчёте' }).waitFor({ state: 'detached' });
    expect(await cellBlock(page, 'employees').getByText(RULE_MESSAGE).count()).toBe(0);
    expect(await employees.getAttribute('aria-invalid')).not.toBe('true');
    expect(
      await cell(page, COVERAGE_SECTION, 'Охват профсоюзным членством работающих, %').inputValue(),
    ).toBe('5');
    await fitsThePhone(page);

    // The chairman fills and submits; accepting is for the organization above.
    expect(await page.getByRole('button', { name: 'Принять', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Сдать отчёт' }).click();
    await statusBadge(page, 'Сдан').waitFor();
    await page.getByRole('status').filter({ hasText: 'Отчёт сдан.' }).waitFor();
    expect(await refusal.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Сдать отчёт' }).count()).toBe(0);
    await fitsThePhone(page);
  });

  it('the territorial editor returns it with a comment; the chairman gets a letter', async () => {
    const page = terrPage;
    await signIn(page, server.baseUrl, TERR_LOGIN, TERR_PASSWORD);
    await page.goto(`${server.baseUrl}/reports/${reportId}`);
    await statusBadge(page, 'Сдан').waitFor();
    expect(await cell(page, WORKFORCE_SECTION, 'Работников в организации').inputValue()).toBe('40');
    await fitsThePhone(page);

    await page.getByRole('button', { name: 'Вернуть на доработку' }).click();
    const dialog = page.getByRole('dialog', { name: 'Вернуть на доработку' });
    await dialog.getByRole('textbox', { name: 'Что исправить' }).fill(RETURN_COMMENT);
    await fitsThePhone(page);
    await dialog.getByRole('button', { name: 'Вернуть', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await statusBadge(page, 'Возвращён').waitFor();
    await page.getByRole('status').filter({ hasText: 'Отчёт возвращён на доработку' }).waitFor();

    const letters = await admin.get<{ items: { kind: string; to: string; subject: string }[] }>(
      '/mail/messages?kind=report_returned',
    );
    expect(letters.items.map((l) => [l.kind, l.to])).toEqual([['report_returned', CHAIR_EMAIL]]);
  });

  it('the chairman sees the comment, corrects and submits again', async () => {
    const page = chairPage;
    await page.reload();
    await statusBadge(page, 'Возвращён').waitFor();
    const note = page.getByRole('note').filter({ hasText: 'Отчёт возвращён на доработку' });
    await note.getByText(RETURN_COMMENT).waitFor();
    await fitsThePhone(page);

    const students = cell(page, WORKFORCE_SECTION, 'Обучающихся в организации');
    expect(await students.inputValue()).toBe('300');
    await students.fill('312');
    await autosaved(page);
    await page.getByRole('button', { name: 'Сдать отчёт' }).click();
    await statusBadge(page, 'Сдан').waitFor();
    // Submitted again, the comment is no longer shown as a task.
    await note.waitFor({ state: 'detached' });
    await fitsThePhone(page);
  });

  it('the territorial editor accepts; the history tells the whole story', async () => {
    const page = terrPage;
    await page.reload();
    await statusBadge(page, 'Сдан').waitFor();
    expect(await cell(page, WORKFORCE_SECTION, 'Обучающихся в организации').inputValue()).toBe(
      '312',
    );
    await page.getByRole('button', { name: 'Принять', exact: true }).click();
    await statusBadge(page, 'Принят').waitFor();
    await page.getByRole('status').filter({ hasText: 'Отчёт принят.' }).waitFor();
    expect(await page.getByRole('button', { name: 'Вернуть на доработку' }).count()).toBe(0);
    await fitsThePhone(page);

    const report = await admin.get<{ status: string; values: Record<string, unknown> }>(
      `/reports/${reportId}`,
    );
    expect(report.status).toBe('accepted');
    expect(report.values).toMatchObject({
      members_total: 3,
      members_working: 2,
      members_students: 1,
      employees: 40,
      students: 312,
    });
    const history = await admin.get<{ items: { action: string; comment: string | null }[] }>(
      `/reports/${reportId}/history`,
    );
    expect(history.items.map((e) => e.action).filter((a) => a !== 'created')).toEqual([
      'submitted',
      'returned',
      'submitted',
      'accepted',
    ]);
    expect(history.items.find((e) => e.action === 'returned')?.comment).toBe(RETURN_COMMENT);
  });
});
