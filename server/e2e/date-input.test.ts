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

// Dates are typed as ДД.ММ.ГГГГ into one masked input everywhere: an impossible or half-typed
// date is refused with the API's own message, never dropped on the way to the server.

const PASSWORD = 'e2e-dates-password';

describe.runIf(e2eEnabled)('a date typed on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let primaryId: string;
  let memberId: string;
  let admin: Awaited<ReturnType<typeof apiSession>>;

  beforeAll(async () => {
    server = await startServer();
    admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    type Created = { id: string };
    const region = await admin.post<Created>('/orgs', {
      code: '71',
      level: 'regional',
      parentId: admin.user.orgId,
      name: 'Тульская областная организация',
    });
    primaryId = (
      await admin.post<Created>('/orgs', {
        code: '71-001',
        level: 'primary',
        parentId: region.id,
        name: 'ППО лицея № 7',
      })
    ).id;
    memberId = (
      await admin.post<Created>('/members', {
        orgId: primaryId,
        lastName: 'Воронова',
        firstName: 'Ольга',
        birthDate: '1988-03-12',
      })
    ).id;
    await admin.post('/users', {
      login: 'chair71',
      role: 'editor',
      orgId: primaryId,
      password: PASSWORD,
      fullName: 'Председатель ППО лицея',
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const membersNamed = async (lastName: string) =>
    (await admin.get<{ items: unknown[] }>(`/members?q=${encodeURIComponent(lastName)}`)).items;

  async function openRegister(page: Page) {
    await page.goto(`${server.baseUrl}/orgs/${primaryId}?tab=members`);
    const panel = page.getByRole('tabpanel', { name: 'Члены Профсоюза' });
    await panel.getByRole('button', { name: 'Поставить на учёт' }).click();
    return page.getByRole('dialog', { name: 'Поставить на учёт' });
  }

  it('31.02.1990 as a birth date in «Поставить на учёт» says «Такой даты нет» and creates nobody', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'chair71', PASSWORD);
    const dialog = await openRegister(page);
    await dialog.getByRole('textbox', { name: 'Фамилия', exact: true }).fill('Лебедева');
    await dialog.getByRole('textbox', { name: 'Имя', exact: true }).fill('Дарья');
    const birth = dialog.getByRole('textbox', { name: 'Дата рождения' });
    // Typed key by key, as on a phone's numeric keyboard: the mask puts the dots in.
    await birth.pressSequentially('31021990');
    expect(await birth.inputValue()).toBe('31.02.1990');
    await dialog.getByRole('button', { name: 'Поставить на учёт' }).click();

    await expect.poll(() => dialog.textContent()).toContain('Такой даты нет');
    expect(await birth.getAttribute('aria-invalid')).toBe('true');
    // The form stays open with what was typed, and nothing reached the register.
    expect(await dialog.getByRole('textbox', { name: 'Фамилия', exact: true }).inputValue()).toBe(
      'Лебедева',
    );
    expect(await membersNamed('Лебедева')).toHaveLength(0);

    // Half-typed is no date either.
    await birth.fill('');
    await birth.pressSequentially('31.02.19');
    await dialog.getByRole('button', { name: 'Поставить на учёт' }).click();
    await expect.poll(() => dialog.textContent()).toContain('Такой даты нет');
    expect(await membersNamed('Лебедева')).toHaveLength(0);

    // A real date goes through, as the day the user meant.
    await birth.fill('');
    await birth.pressSequentially('7.5.1990');
    expect(await birth.inputValue()).toBe('07.05.1990');
    await dialog.getByRole('button', { name: 'Поставить на учёт' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/\d{4} \d{4}/);
    expect(await membersNamed('Лебедева')).toEqual([
      expect.objectContaining({ birthDate: '1990-05-07' }),
    ]);
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(phoneViewport.width);
    await page.close();
  });

  it("a card's dates are checked by the API's rules: age, consent law, no future", async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'chair71', PASSWORD);
    await page.goto(`${server.baseUrl}/members/${memberId}`);
    const panel = page.getByRole('tabpanel', { name: 'Общие' });
    await panel.getByRole('button', { name: 'Изменить' }).click();
    const form = page.getByRole('form', { name: 'Общие: изменение' });
    const birth = form.getByRole('textbox', { name: 'Дата рождения' });
    // The stored date comes in as people read it.
    expect(await birth.inputValue()).toBe('12.03.1988');
    await birth.fill('');
    await birth.pressSequentially('01.01.2020');
    await form.getByRole('textbox', { name: 'Согласие на обработку ПД: дата' }).fill('01.01.2005');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await expect
      .poll(() => form.textContent())
      .toContain('Проверьте дату рождения: возраст от 14 до 100 лет');
    expect(await form.textContent()).toContain(
      'Согласие на обработку ПД не может быть дано раньше 27.07.2006 (152-ФЗ)',
    );
    const card = await admin.get<{ birthDate: string }>(`/members/${memberId}`);
    expect(card.birthDate).toBe('1988-03-12');
    await page.close();
  });

  it('the date of taking off record refuses a day the calendar lacks', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'chair71', PASSWORD);
    await page.goto(`${server.baseUrl}/orgs/${primaryId}?tab=members`);
    const panel = page.getByRole('tabpanel', { name: 'Члены Профсоюза' });
    await panel.getByRole('button', { name: /^Снять с учёта: Воронова Ольга/ }).click();
    const off = page.getByRole('dialog', { name: 'Снять с учёта' });
    const on = off.getByRole('textbox', { name: 'Дата снятия' });
    await on.fill('');
    await on.pressSequentially('30.02.2024');
    await off.getByLabel('Причина').selectOption('left_job');
    await off.getByRole('button', { name: 'Снять с учёта' }).click();
    await expect.poll(() => off.textContent()).toContain('Такой даты нет');
    const card = await admin.get<{ status: string }>(`/members/${memberId}`);
    expect(card.status).toBe('active');
    await page.close();
  });
});
