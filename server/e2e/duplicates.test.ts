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

// Suspected duplicates on a phone: a record without a birth date is shown apart as a candidate,
// «Не дубль» hides a group, and «Объединить» leaves one card of the person.

const EDITOR = 'dup.editor';
const PASSWORD = 'e2e-editor-password';

type Card = { id: string; cardNumber: string; status: string };

describe.runIf(e2eEnabled)('an editor resolves duplicates on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof apiSession>>;
  let current: Card;
  let school: string;

  beforeAll(async () => {
    server = await startServer();
    admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    const region = await admin.post<{ id: string }>('/orgs', {
      code: '59',
      level: 'regional',
      parentId: admin.user.orgId,
      name: 'Пермская краевая организация',
    });
    const primary = async (code: string, name: string) =>
      (
        await admin.post<{ id: string }>('/orgs', {
          code,
          level: 'primary',
          parentId: region.id,
          name,
        })
      ).id;
    school = await primary('59-S1', 'ППО школы № 1');
    const college = await primary('59-C2', 'ППО колледжа № 2');
    await admin.post('/users', {
      login: EDITOR,
      role: 'editor',
      orgId: region.id,
      password: PASSWORD,
      fullName: 'Редактор краевой организации',
    });
    const put = (orgId: string, person: Record<string, string>) =>
      admin.post<Card>('/members', { orgId, ...person });
    /** An old card taken off record, then a new one: one person on record twice. */
    const twoCards = async (person: Record<string, string>) => {
      const old = await put(school, person);
      await admin.post(`/members/${old.id}/deregister`, {
        on: new Date().toISOString().slice(0, 10),
        reason: 'left_job',
      });
      return put(college, person);
    };
    // A namesake without a birth date: only a candidate.
    await put(school, { lastName: 'Ланская', firstName: 'Вера' });
    await put(college, { lastName: 'Ланская', firstName: 'Вера', birthDate: '1990-01-01' });
    await twoCards({ lastName: 'Орехова', firstName: 'Нина', birthDate: '1980-01-01' });
    current = await twoCards({ lastName: 'Громова', firstName: 'Алла', birthDate: '1985-05-05' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a candidate apart, hides a group marked «Не дубль» and merges another into one card', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, EDITOR, PASSWORD);
    await page.goto(`${server.baseUrl}/members/duplicates`);

    const duplicates = page.getByRole('region', { name: 'Одинаковые ФИО и дата рождения' });
    const candidates = page.getByRole('region', { name: 'Без даты рождения' });
    await expect.poll(() => duplicates.textContent()).toContain('Громова Алла');
    await expect.poll(() => candidates.textContent()).toContain('Ланская Вера');
    expect(await duplicates.textContent()).not.toContain('Ланская');
    expect(await duplicates.textContent()).toContain('Орехова Нина');

    // «Не дубль»: confirmed, the group leaves the list.
    await duplicates
      .getByRole('listitem', { name: /Орехова Нина/ })
      .getByRole('button', { name: 'Не дубль' })
      .click();
    const distinct = page.getByRole('dialog', { name: 'Это разные люди?' });
    await distinct.getByRole('button', { name: 'Не дубль' }).click();
    await expect.poll(() => duplicates.textContent()).not.toContain('Орехова Нина');

    // «Объединить»: the card on record stays by default, and the dialog says so.
    await duplicates
      .getByRole('listitem', { name: /Громова Алла/ })
      .getByRole('button', { name: 'Объединить' })
      .click();
    const merge = page.getByRole('dialog', { name: 'Объединить карточки' });
    const spaced = current.cardNumber.replace(/(\d{4})(?=\d)/g, '$1 ');
    await expect
      .poll(() => merge.getByRole('note').textContent())
      .toContain(`Останется карточка с билетом № ${spaced}`);
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(phoneViewport.width);
    await page.screenshot({ path: 'test-results/e2e-phone-merge.png', fullPage: true });
    await merge.getByRole('button', { name: 'Объединить' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Карточки объединены' }).count())
      .toBe(1);
    await expect.poll(() => duplicates.textContent()).not.toContain('Громова Алла');

    const left = await admin.get<{ items: Card[] }>(`/members?q=${encodeURIComponent('Громова')}`);
    expect(left.items).toEqual([
      expect.objectContaining({ id: current.id, cardNumber: current.cardNumber, status: 'active' }),
    ]);
    await page.close();
  });

  it('registering a person on record elsewhere names the org and offers to transfer them here', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, EDITOR, PASSWORD);
    await page.goto(`${server.baseUrl}/orgs/${school}?tab=members`);
    const panel = page.getByRole('tabpanel', { name: 'Члены Профсоюза' });
    await panel.getByRole('button', { name: 'Поставить на учёт' }).click();
    const dialog = page.getByRole('dialog', { name: 'Поставить на учёт' });
    await dialog.getByRole('textbox', { name: 'Фамилия', exact: true }).fill('Ланская');
    await dialog.getByRole('textbox', { name: 'Имя', exact: true }).fill('Вера');
    await dialog.getByLabel('Дата рождения').fill('1990-01-01');
    await dialog.getByRole('button', { name: 'Поставить на учёт' }).click();
    const notice = dialog.getByRole('alert').filter({ hasText: 'Такой человек уже есть' });
    await expect
      .poll(() => notice.textContent())
      .toContain('Уже состоит на учёте в «ППО колледжа № 2»');
    expect(
      await notice.getByRole('link', { name: 'Открыть карточку' }).getAttribute('href'),
    ).toMatch(/^\/members\/\d+$/);
    await notice.getByRole('button', { name: 'Перевести сюда' }).click();
    await dialog.getByRole('button', { name: 'Перевести', exact: true }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent())
      .toMatch(/Переведён\S* в эту организацию/);

    const found = await admin.get<{ items: (Card & { orgId: string; birthDate: string })[] }>(
      `/members?q=${encodeURIComponent('Ланская Вера')}`,
    );
    expect(found.items).toContainEqual(
      expect.objectContaining({ birthDate: '1990-01-01', orgId: school, status: 'active' }),
    );
    expect(found.items).toHaveLength(2);
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(phoneViewport.width);
    await page.close();
  });
});
