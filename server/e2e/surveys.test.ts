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

// A survey on a phone: the region's chairman builds it (a single choice and a scale), sends it
// to the region's members and publishes it after a confirmation naming the count; a member gets
// the invitation at a real SMTP server (started here), signs in to the cabinet with a code from
// a letter and answers; four colleagues answer through the API, so five respondents lift the
// suppression and the chairman sees the response rate and the bars.

const TITLE = 'Условия труда педагогов — 2025';
const Q1 = 'Хватает ли вам времени на подготовку к урокам?';
const Q2 = 'Оцените условия труда в вашей школе';
const REGION = 'Калужская областная организация';
const EDITOR_LOGIN = 'region40.chair';
const EDITOR_PASSWORD = 'e2e-editor-password';
const MEMBER_EMAIL = 'sokolova.anna@example.org';
/** The colleagues who answer through the API: their e-mail and answers. */
const OTHERS: [string, string, string, number][] = [
  ['Белова', 'belova.irina@example.org', 'Да', 5],
  ['Зайцева', 'zaytseva.olga@example.org', 'Да', 4],
  ['Ковалёва', 'kovaleva.elena@example.org', 'Нет', 2],
  ['Морозова', 'morozova.vera@example.org', 'Иногда', 3],
];

/** `<input type="datetime-local">`'s value: the browser runs on this machine's clock and zone. */
const localInput = (date: Date) => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(
    date.getHours(),
  )}:${pad(date.getMinutes())}`;
};

describe.runIf(e2eEnabled)('a survey: built, published, answered and counted on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let sink: SmtpSink;
  let surveyId = '';

  const fitsThePhone = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      phoneViewport.width,
    );

  const letter = async (to: string, subject: string): Promise<ParsedMail> => {
    const find = () =>
      sink.received.findLast(
        (m) => m.subject?.startsWith(subject) && m.to && JSON.stringify(m.to).includes(to),
      );
    await expect.poll(() => find() !== undefined, { timeout: 30_000 }).toBe(true);
    return find() as ParsedMail;
  };

  /** A member's cabinet session through the API: a code asked for, read from the letter. */
  const memberCookie = async (email: string) => {
    const post = (path: string, body: unknown, cookie = '') =>
      fetch(`${server.baseUrl}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: JSON.stringify(body),
      });
    expect((await post('/cabinet/auth/code', { email })).status).toBe(202);
    const mail = await letter(email, 'Профреестр: код для входа');
    const code = /(\d{6})$/.exec(mail.subject ?? '')?.[1] ?? '';
    const login = await post('/cabinet/auth/login', { email, code });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    return {
      answer: (answers: Record<string, string | number>) =>
        post(`/cabinet/surveys/${surveyId}/responses`, { answers }, cookie),
    };
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startServer({
      SMTP_URL: sink.url,
      MAIL_FROM: 'Профреестр <noreply@union.example>',
    });
    const admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    const region = await admin.post<{ id: string }>('/orgs', {
      code: '40',
      level: 'regional',
      parentId: admin.user.orgId,
      name: REGION,
    });
    const district = await admin.post<{ id: string }>('/orgs', {
      code: '40-2',
      level: 'territorial',
      parentId: region.id,
      name: 'Обнинская городская организация',
    });
    const school = await admin.post<{ id: string }>('/orgs', {
      code: '40-2-5',
      level: 'primary',
      parentId: district.id,
      name: 'ППО лицея № 5',
    });
    await admin.post('/users', {
      login: EDITOR_LOGIN,
      role: 'editor',
      orgId: region.id,
      password: EDITOR_PASSWORD,
      fullName: 'Крылова Галина Петровна',
    });
    const member = (lastName: string, extra: Record<string, unknown>) =>
      admin.post('/members', {
        orgId: school.id,
        lastName,
        firstName: 'Анна',
        middleName: 'Викторовна',
        category: 'working',
        ...extra,
      });
    await member('Соколова', { email: MEMBER_EMAIL, notify: { email: true } });
    for (const [lastName, email] of OTHERS) {
      await member(lastName, { email, notify: { email: true } });
    }
    // Invited too, with no address: the response rate counts her, no letter goes.
    await member('Безадресная', {});
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await sink?.close();
  });

  it('the chairman builds the survey and publishes it after confirming the count', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, EDITOR_LOGIN, EDITOR_PASSWORD);
    await page.getByRole('button', { name: 'Открыть меню' }).click();
    await page
      .getByRole('navigation', { name: 'Основное меню' })
      .getByRole('link', { name: 'Опросы и тесты' })
      .click();
    await page.getByRole('link', { name: 'Новый опрос' }).click();
    await page.waitForURL((url) => url.pathname === '/surveys/new');
    await page.getByRole('heading', { name: 'Новый опрос', level: 1 }).waitFor();

    const form = page.getByRole('form', { name: 'Новый опрос' });
    await form.getByLabel('Название', { exact: true }).fill(TITLE);
    // The chairman's own org comes chosen as the audience: the region's members, every category.
    await form.getByRole('group', { name: `Выбрано: ${REGION}` }).waitFor();
    const now = new Date();
    await form.getByLabel('Начало', { exact: true }).fill(localInput(now));
    await form
      .getByLabel('Окончание', { exact: true })
      .fill(localInput(new Date(now.getTime() + 7 * 24 * 60 * 60 * 1000)));

    const first = form.getByRole('region', { name: 'Вопрос 1' });
    await first.getByLabel('Текст вопроса').fill(Q1);
    await first.getByRole('textbox', { name: 'Вариант 1 вопроса 1' }).fill('Да');
    await first.getByRole('textbox', { name: 'Вариант 2 вопроса 1' }).fill('Нет');
    await first.getByRole('button', { name: 'Добавить вариант' }).click();
    await first.getByRole('textbox', { name: 'Вариант 3 вопроса 1' }).fill('Иногда');

    await form.getByRole('button', { name: 'Добавить вопрос' }).click();
    const second = form.getByRole('region', { name: 'Вопрос 2' });
    await second.getByLabel('Текст вопроса').fill(Q2);
    await second.getByRole('combobox', { name: 'Тип ответа' }).click();
    await page.getByRole('option', { name: 'Шкала' }).click();
    // From 1 to 5, as a new scale comes.
    await expect.poll(() => second.getByLabel('От', { exact: true }).inputValue()).toBe('1');
    expect(await second.getByLabel('До', { exact: true }).inputValue()).toBe('5');
    await fitsThePhone(page);

    await form.getByRole('button', { name: 'Сохранить черновик' }).click();
    await page.waitForURL(
      (url) => /^\/surveys\/[^/]+$/.test(url.pathname) && !/new$/.test(url.pathname),
    );
    surveyId = new URL(page.url()).pathname.split('/')[2] ?? '';
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await expect.poll(() => page.textContent('main')).toContain('Аудитория сейчас: 6');

    await page.getByRole('button', { name: 'Опубликовать', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Опубликовать опрос?' });
    await expect.poll(() => dialog.textContent()).toContain('Приглашение получат 6 человек');
    await fitsThePhone(page);
    await dialog.getByRole('button', { name: 'Опубликовать для 6' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Published: the invited list is kept, the questions are locked, the results are a link.
    await expect
      .poll(() => page.textContent('main'), { timeout: 30_000 })
      .toContain('Приглашено 6, ответили 0');
    await page.getByRole('link', { name: 'Итоги' }).waitFor();

    // The invitations: to each of the five with an address and the consent, none to the sixth.
    const subject = `Профреестр: опрос «${TITLE}»`;
    await expect
      .poll(() => sink.received.filter((m) => m.subject === subject).length, { timeout: 30_000 })
      .toBe(5);
    await page.close();
  });

  it('the member reads the invitation, signs in to the cabinet and answers', async () => {
    const invitation = await letter(MEMBER_EMAIL, `Профреестр: опрос «${TITLE}»`);
    expect(invitation.text).toContain('Здравствуйте, Анна Викторовна!');
    expect(invitation.text).toContain(`/cabinet/surveys/${surveyId}`);
    expect(invitation.text).toContain('Опрос анонимный');

    const page = await browser.newPage({ viewport: phoneViewport });
    await page.goto(`${server.baseUrl}/cabinet/login`);
    const emailForm = page.getByRole('form', { name: 'Вход по электронной почте' });
    await emailForm.getByRole('textbox', { name: 'Электронная почта' }).fill(MEMBER_EMAIL);
    await emailForm.getByRole('button', { name: 'Получить код' }).click();
    const codeForm = page.getByRole('form', { name: 'Ввод кода из письма' });
    await codeForm.waitFor();
    const mail = await letter(MEMBER_EMAIL, 'Профреестр: код для входа');
    const code = /(\d{6})$/.exec(mail.subject ?? '')?.[1] ?? '';
    await codeForm.getByRole('textbox', { name: 'Код из письма' }).fill(code);
    await codeForm.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL((url) => url.pathname === '/cabinet');

    await page
      .getByRole('navigation', { name: 'Разделы кабинета' })
      .getByRole('link', { name: 'Опросы и тесты' })
      .click();
    const item = page.getByRole('list', { name: 'Мои опросы' }).getByRole('listitem', {
      name: TITLE,
    });
    await item.getByText('Ждёт ответа').waitFor();
    await fitsThePhone(page);
    await item.getByRole('link').click();
    await page.waitForURL((url) => url.pathname === `/cabinet/surveys/${surveyId}`);
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();

    const answers = page.getByRole('form', { name: 'Ответы' });
    // Nothing chosen: the browser names the questions left before anything is sent.
    await answers.getByRole('button', { name: 'Отправить ответы' }).click();
    await answers.getByRole('alert').filter({ hasText: 'Проверьте ответы' }).waitFor();
    await answers.getByRole('radio', { name: 'Иногда' }).check();
    await answers
      .getByRole('radiogroup', { name: `2. ${Q2}` })
      .getByRole('radio', { name: '4', exact: true })
      .click();
    await fitsThePhone(page);
    await answers.getByRole('button', { name: 'Отправить ответы' }).click();
    await page.getByRole('status').filter({ hasText: 'Ваши ответы приняты' }).waitFor();
    await fitsThePhone(page);

    // Back in the list the survey is marked as answered.
    await page.getByRole('link', { name: 'Ко всем опросам' }).click();
    await page
      .getByRole('list', { name: 'Мои опросы' })
      .getByRole('listitem', { name: TITLE })
      .getByText('Вы ответили')
      .waitFor();
    await page.close();
  });

  it('four colleagues answer; the chairman sees the response rate and the bars', async () => {
    for (const [, email, choice, mark] of OTHERS) {
      const colleague = await memberCookie(email);
      expect((await colleague.answer({ q1: choice, q2: mark })).status).toBe(201);
      // One response per person.
      expect((await colleague.answer({ q1: choice, q2: mark })).status).toBe(409);
    }

    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, EDITOR_LOGIN, EDITOR_PASSWORD);
    await page.goto(`${server.baseUrl}/surveys/${surveyId}`);
    await page.getByRole('link', { name: 'Итоги' }).click();
    await page.waitForURL((url) => url.pathname === `/surveys/${surveyId}/results`);
    await page.getByRole('heading', { name: `Итоги: ${TITLE}`, level: 1 }).waitFor();

    const rate = page.getByRole('region', { name: 'Отклик' });
    await expect.poll(() => rate.textContent()).toMatch(/Ответили 5 из 6 — 83,3\s%/);
    // Five respondents: the breakdown shows.
    expect(await page.getByText('Меньше 5 ответивших — разбивка скрыта').count()).toBe(0);

    const first = page.getByRole('region', { name: 'Вопрос 1' });
    await first.getByRole('heading', { name: `1. ${Q1}` }).waitFor();
    const bars1 = first.getByRole('list', { name: 'Ответы на вопрос 1' });
    for (const bar of ['Да: 2', 'Нет: 1', 'Иногда: 2']) {
      await bars1.getByRole('listitem', { name: bar, exact: true }).waitFor();
    }

    const second = page.getByRole('region', { name: 'Вопрос 2' });
    await second.getByText('Среднее: 3,6').waitFor();
    const bars2 = second.getByRole('list', { name: 'Ответы на вопрос 2' });
    for (const bar of ['1: 0', '2: 1', '3: 1', '4: 2', '5: 1']) {
      await bars2.getByRole('listitem', { name: bar, exact: true }).waitFor();
    }
    await fitsThePhone(page);
    await page.close();
  });
});
