import { formatCardNumber, isoToRu, todayIso } from '@profreestr/contracts';
import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../test/smtp-sink.js';
import { apiSession, signIn } from './e2e-api.js';
import {
  E2E_ADMIN_PASSWORD,
  e2eEnabled,
  launchBrowser,
  phoneViewport,
  type RunningServer,
  startServer,
} from './e2e-server.js';

// Joining online and the member's cabinet, all on a phone: an applicant finds their school,
// applies and confirms the address with the code from the letter (read from a real SMTP
// server started here); the chairman of the school's primary accepts the application and opens
// the new member's card; the new member signs in to the cabinet with a code from a letter, sees
// the virtual card, finds the chairman among those who read the card, and withdraws the consent
// to process personal data.

const SCHOOL_ORG = 'ППО гимназии № 7';
const SCHOOL = 'МАОУ «Гимназия № 7»';
const APPLICANT = 'Сидорова Анна Петровна';
const APPLICANT_EMAIL = 'sidorova.anna@example.org';
const CHAIR_EMAIL = 'gymnasium7.chair@example.org';
const CHAIR_LOGIN = 'gym7.chair';
const CHAIR_PASSWORD = 'e2e-chair-password';
const CHAIR_NAME = 'Кузнецова Ольга Викторовна';
const LETTER_TIMEOUT = { timeout: 30_000 };

describe.runIf(e2eEnabled)('joining online and the member cabinet on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let sink: SmtpSink;
  let admin: Awaited<ReturnType<typeof apiSession>>;
  /** The applicant's member card, once the chairman has accepted. */
  let memberId = '';

  /** The newest letter to `to` whose subject starts with `subject`, once it has arrived. */
  const letter = async (to: string, subject: string): Promise<ParsedMail> => {
    const find = () =>
      sink.received.findLast(
        (m) => m.subject?.startsWith(subject) && m.to && JSON.stringify(m.to).includes(to),
      );
    await expect.poll(() => find() !== undefined, LETTER_TIMEOUT).toBe(true);
    return find() as ParsedMail;
  };

  /** The six digits a code letter carries at the end of its subject. */
  const codeOf = (mail: ParsedMail) => {
    const code = /(\d{6})$/.exec(mail.subject ?? '')?.[1];
    expect(code).toBeDefined();
    return code as string;
  };

  /** Nothing wider than the phone: no sideways scrolling. */
  const fitsThePhone = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      phoneViewport.width,
    );

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startServer({
      SMTP_URL: sink.url,
      MAIL_FROM: 'Профреестр <noreply@union.example>',
    });
    admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    const region = await admin.post<{ id: string }>('/orgs', {
      code: '45',
      level: 'regional',
      parentId: admin.user.orgId,
      name: 'Курганская областная организация',
    });
    const district = await admin.post<{ id: string }>('/orgs', {
      code: '45-1',
      level: 'territorial',
      parentId: region.id,
      name: 'Шадринская городская организация',
    });
    const school = await admin.post<{ id: string }>('/orgs', {
      code: '45-1-7',
      level: 'primary',
      parentId: district.id,
      name: SCHOOL_ORG,
      eduOrg: { name: SCHOOL },
    });
    await admin.patch(`/orgs/${school.id}`, {
      chairman: {
        lastName: 'Кузнецова',
        firstName: 'Ольга',
        middleName: 'Викторовна',
        email: CHAIR_EMAIL,
        notify: { email: true },
      },
    });
    await admin.post('/users', {
      login: CHAIR_LOGIN,
      role: 'editor',
      orgId: school.id,
      password: CHAIR_PASSWORD,
      fullName: CHAIR_NAME,
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await sink?.close();
  });

  it('an applicant finds the school, applies and confirms with the code from the letter', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await page.goto(`${server.baseUrl}/join`);
    await page.getByRole('heading', { name: 'Шаг 1 из 3. Найдите свою организацию' }).waitFor();

    // By the school's own name, as a teacher knows it.
    await page
      .getByRole('searchbox', { name: 'Ваша школа, детский сад, колледж или вуз' })
      .fill('гимназия 7');
    await page
      .getByRole('list', { name: 'Найденные организации' })
      .getByRole('button', { name: new RegExp(SCHOOL_ORG) })
      .click();

    await page.getByRole('heading', { name: 'Шаг 2 из 3. Заполните заявление' }).waitFor();
    const form = page.getByRole('form', { name: 'Заявление о вступлении' });
    await form.getByRole('textbox', { name: 'Фамилия', exact: true }).fill('Сидорова');
    await form.getByRole('textbox', { name: 'Имя', exact: true }).fill('Анна');
    await form.getByRole('textbox', { name: 'Отчество', exact: true }).fill('Петровна');
    await form.getByRole('radio', { name: 'Женский' }).check({ force: true });
    await form.getByRole('textbox', { name: 'Дата рождения', exact: true }).fill('14.03.1991');
    await form.getByRole('radio', { name: 'Работающий', exact: true }).check({ force: true });
    // The workplace comes filled in with the school picked.
    const workplace = form.getByRole('textbox', { name: 'Место работы', exact: true });
    expect(await workplace.inputValue()).toBe(SCHOOL);
    await form.getByRole('textbox', { name: 'Должность', exact: true }).fill('учитель математики');
    await form
      .getByRole('textbox', { name: 'Электронная почта', exact: true })
      .fill(APPLICANT_EMAIL);
    await form
      .getByRole('checkbox', { name: 'Я согласен(на) на обработку моих персональных данных' })
      .check({ force: true });
    await fitsThePhone(page);
    await form.getByRole('button', { name: 'Отправить заявление' }).click();

    await page.getByRole('heading', { name: 'Шаг 3 из 3. Введите код из письма' }).waitFor();
    const confirmation = await letter(APPLICANT_EMAIL, 'Профреестр: код подтверждения заявления');
    const code = codeOf(confirmation);
    expect(confirmation.text).toContain(`введите на странице заявления код: ${code}`);
    const confirm = page.getByRole('form', { name: 'Подтверждение заявления' });
    await confirm.getByRole('textbox', { name: 'Код из письма' }).fill(code);
    await confirm.getByRole('button', { name: 'Подтвердить' }).click();

    await page.getByRole('heading', { name: 'Заявление отправлено' }).waitFor();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Спасибо!' }).textContent())
      .toContain(`«${SCHOOL_ORG}»`);
    await fitsThePhone(page);

    // The chairman hears of it, with a link to the application.
    const news = await letter(CHAIR_EMAIL, `Профреестр: заявление о вступлении — ${APPLICANT}`);
    expect(news.text).toContain('Здравствуйте, Ольга Викторовна!');
    expect(news.text).toContain(`${server.baseUrl}/applications/`);
    await page.close();
  });

  it('the chairman accepts the application and opens the new card', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, CHAIR_LOGIN, CHAIR_PASSWORD);
    await page.getByRole('button', { name: 'Открыть меню' }).click();
    // The menu says one application waits.
    await page
      .getByRole('navigation', { name: 'Основное меню' })
      .getByRole('link', { name: /^Заявления.*ждут решения: 1$/ })
      .click();
    await page.getByRole('heading', { name: 'Заявления', level: 1 }).waitFor();
    await page
      .getByRole('list', { name: 'Заявления' })
      .getByRole('link', { name: APPLICANT })
      .click();
    await page.getByRole('heading', { name: APPLICANT, level: 1 }).waitFor();
    await fitsThePhone(page);

    await page.getByRole('button', { name: 'Принять', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Принять в Профсоюз' });
    // Today unless changed.
    expect(
      await dialog.getByRole('textbox', { name: 'Дата постановки на учёт' }).inputValue(),
    ).toBe(isoToRu(todayIso()));
    await dialog.getByRole('button', { name: 'Принять', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    const accepted = page.getByRole('status').filter({ hasText: 'Заявление принято' });
    await expect.poll(() => accepted.textContent()).toMatch(/на учёт с .*билет №/);
    await accepted.getByRole('link', { name: 'Открыть карточку члена Профсоюза' }).click();
    await page.waitForURL(/\/members\/\d+/);
    memberId = /\/members\/(\d+)/.exec(page.url())?.[1] ?? '';
    await expect.poll(() => page.title()).toContain('Сидорова');
    // The card just opened is the one the acceptance answered with (no request); coming back
    // to it later reads it from the server, and that reading the member will see.
    const read = page.waitForResponse(
      (r) => r.url().endsWith(`/api/v1/members/${memberId}`) && r.ok(),
    );
    await page.reload();
    await read;
    await expect.poll(() => page.title()).toContain('Сидорова');
    await page.close();
  });

  it('the new member signs in with a code, sees the card and who read it, withdraws a consent', async () => {
    expect(memberId).not.toBe('');
    const card = await admin.get<{ cardNumber: string; pdConsent: unknown }>(
      `/members/${memberId}`,
    );
    expect(card.pdConsent).not.toBeNull();

    const welcome = await letter(APPLICANT_EMAIL, 'Профреестр: вы приняты в Профсоюз');
    expect(welcome.text).toContain(formatCardNumber(card.cardNumber));
    const link = /\S+\/cabinet\/login\?email=\S+/.exec(welcome.text ?? '')?.[0] ?? '';
    // PUBLIC_URL is unset: the links lead to the server itself.
    expect(link).toBe(
      `${server.baseUrl}/cabinet/login?email=${encodeURIComponent(APPLICANT_EMAIL)}`,
    );

    const page = await browser.newPage({ viewport: phoneViewport });
    await page.goto(link);
    const emailForm = page.getByRole('form', { name: 'Вход по электронной почте' });
    expect(await emailForm.getByRole('textbox', { name: 'Электронная почта' }).inputValue()).toBe(
      APPLICANT_EMAIL,
    );
    const sentBefore = sink.received.length;
    await emailForm.getByRole('button', { name: 'Получить код' }).click();

    const codeForm = page.getByRole('form', { name: 'Ввод кода из письма' });
    await codeForm.waitFor();
    await expect
      .poll(
        () =>
          sink.received
            .slice(sentBefore)
            .some((m) => m.subject?.startsWith('Профреестр: код для входа')),
        LETTER_TIMEOUT,
      )
      .toBe(true);
    const code = codeOf(await letter(APPLICANT_EMAIL, 'Профреестр: код для входа'));
    await codeForm.getByRole('textbox', { name: 'Код из письма' }).fill(code);
    await codeForm.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL((url) => url.pathname === '/cabinet');

    // The virtual card: the number in fours and the QR code drawn on the phone.
    const virtualCard = page.getByRole('group', { name: 'Электронный профсоюзный билет' });
    const grouped = formatCardNumber(card.cardNumber);
    expect(grouped).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    await virtualCard.getByLabel(`Номер билета ${grouped}`).waitFor();
    expect(await virtualCard.textContent()).toContain(APPLICANT);
    const qr = virtualCard.getByRole('img', { name: 'QR-код профсоюзного билета' });
    await qr.waitFor();
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(
      220,
    );
    await page.getByText('Здравствуйте, Анна Петровна!').waitFor();
    await fitsThePhone(page);

    // Who read the card: the chairman, by name.
    await page
      .getByRole('navigation', { name: 'Разделы кабинета' })
      .getByRole('link', { name: 'Кто смотрел мои данные' })
      .click();
    const reads = page
      .getByRole('list', { name: 'Кто смотрел мои данные' })
      .getByRole('listitem')
      .filter({ hasText: 'Просмотр карточки члена Профсоюза' })
      .filter({ hasText: CHAIR_NAME });
    await expect.poll(() => reads.count()).toBeGreaterThan(0);
    expect(await reads.first().textContent()).toContain(`Роль: Редактор · ${SCHOOL_ORG}`);
    // …and who put them on record.
    expect(
      await page
        .getByRole('list', { name: 'Кто смотрел мои данные' })
        .getByRole('listitem')
        .filter({ hasText: 'Постановка на учёт' })
        .filter({ hasText: CHAIR_NAME })
        .count(),
    ).toBe(1);
    await fitsThePhone(page);

    // Withdrawing the consent to process personal data, after the question.
    await page.getByRole('link', { name: '← На главную кабинета' }).click();
    await page
      .getByRole('navigation', { name: 'Разделы кабинета' })
      .getByRole('link', { name: 'Телефон, адрес и согласия' })
      .click();
    const pd = page.getByRole('switch', { name: 'Обработка персональных данных' });
    expect(await pd.isChecked()).toBe(true);
    await pd.click({ force: true });
    const question = page.getByRole('dialog', {
      name: 'Отозвать согласие на обработку персональных данных?',
    });
    await question.getByRole('button', { name: 'Отозвать', exact: true }).click();
    await question.waitFor({ state: 'detached' });
    await expect.poll(() => pd.isChecked()).toBe(false);
    await fitsThePhone(page);

    await expect
      .poll(async () => (await admin.get<{ pdConsent: unknown }>(`/members/${memberId}`)).pdConsent)
      .toBeNull();
    await page.close();
  });
});
