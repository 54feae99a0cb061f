import { formatCardNumber } from '@profreestr/contracts';
import ExcelJS from 'exceljs';
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

// The e-card's way, on a phone: the centre's admin sees how many cards an order for a region
// would hold, orders them, downloads the producer's file and moves the batch to «доставлена»;
// the chairman of a school's primary hands the card over from «Карты к выдаче»; the member signs
// in to the cabinet with a code from a letter (a real SMTP server started here) and sees the
// virtual card's QR code and number.

const MEMBER = 'Лебедева Мария Сергеевна';
const MEMBER_EMAIL = 'lebedeva.maria@example.org';
const OTHER = 'Орлов Пётр Иванович';
const CHAIR_LOGIN = 'school12.chair';
const CHAIR_PASSWORD = 'e2e-chair-password';

describe.runIf(e2eEnabled)(
  'the e-card: a batch, the hand-over and the virtual card on a phone',
  () => {
    let server: RunningServer;
    let browser: Browser;
    let sink: SmtpSink;
    let admin: Awaited<ReturnType<typeof apiSession>>;
    let regionId = '';
    let memberId = '';
    let cardNumber = '';

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

    beforeAll(async () => {
      sink = await startSmtpSink();
      server = await startServer({
        SMTP_URL: sink.url,
        MAIL_FROM: 'Профреестр <noreply@union.example>',
      });
      admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
      const region = await admin.post<{ id: string }>('/orgs', {
        code: '61',
        level: 'regional',
        parentId: admin.user.orgId,
        name: 'Ростовская областная организация',
      });
      regionId = region.id;
      const district = await admin.post<{ id: string }>('/orgs', {
        code: '61-3',
        level: 'territorial',
        parentId: region.id,
        name: 'Азовская городская организация',
      });
      const school = await admin.post<{ id: string }>('/orgs', {
        code: '61-3-12',
        level: 'primary',
        parentId: district.id,
        name: 'ППО школы № 12',
      });
      await admin.post('/users', {
        login: CHAIR_LOGIN,
        role: 'editor',
        orgId: school.id,
        password: CHAIR_PASSWORD,
        fullName: 'Громова Нина Павловна',
      });
      const person = (lastName: string, firstName: string, middleName: string, email?: string) => ({
        orgId: school.id,
        lastName,
        firstName,
        middleName,
        sex: 'female',
        birthDate: '1988-04-12',
        category: 'working',
        registeredOn: '2024-09-01',
        ...(email ? { email } : {}),
      });
      const member = await admin.post<{ id: string; cardNumber: string }>(
        '/members',
        person('Лебедева', 'Мария', 'Сергеевна', MEMBER_EMAIL),
      );
      memberId = member.id;
      cardNumber = member.cardNumber;
      await admin.post('/members', { ...person('Орлов', 'Пётр', 'Иванович'), sex: 'male' });
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      await sink?.close();
    });

    it('the admin orders cards for the region, downloads the file and marks them delivered', async () => {
      const page = await browser.newPage({ viewport: phoneViewport, acceptDownloads: true });
      await signIn(page, server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
      await page.goto(`${server.baseUrl}/card-batches?under=${regionId}`);
      await page.getByRole('heading', { name: 'Заказ карт', level: 1 }).waitFor();
      // The count first: both members of the region, neither holding a plastic card.
      await page.getByRole('status').filter({ hasText: 'В заказ попадут 2 карты' }).waitFor();
      await fitsThePhone(page);
      await page.getByRole('button', { name: 'Заказать', exact: true }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /Заказ № \d+ создан: 2 карты/ })
        .waitFor();

      const batch = page
        .getByRole('listitem')
        .filter({ hasText: 'Ростовская областная организация' });
      await batch.getByText('Карт: 2').waitFor({ timeout: 30_000 });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        batch.getByRole('button', { name: 'Скачать файл' }).click(),
      ]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile((await download.path()) ?? '');
      const sheet = workbook.worksheets[0];
      const cells: string[] = [];
      sheet?.eachRow((row) => {
        row.eachCell((cell) => {
          cells.push(String(cell.value));
        });
      });
      expect(cells).toContain(formatCardNumber(cardNumber));
      expect(cells.join(' ').toUpperCase()).toContain(MEMBER.toUpperCase());
      expect(cells.join(' ').toUpperCase()).toContain(OTHER.toUpperCase());

      for (const step of ['Изготовлена', 'Доставлена']) {
        await batch.getByRole('button', { name: step, exact: true }).click();
        const dialog = page.getByRole('dialog', { name: 'Статус заказа' });
        await dialog.getByRole('button', { name: step, exact: true }).click();
        await dialog.waitFor({ state: 'detached' });
      }
      await batch.getByText('Доставлена', { exact: true }).waitFor();
      await fitsThePhone(page);
      await page.close();
    });

    it('the chairman hands the card over from «Карты к выдаче»', async () => {
      const page = await browser.newPage({ viewport: phoneViewport });
      await signIn(page, server.baseUrl, CHAIR_LOGIN, CHAIR_PASSWORD);
      await page.getByRole('button', { name: 'Открыть меню' }).click();
      await page
        .getByRole('navigation', { name: 'Основное меню' })
        .getByRole('link', { name: 'Карты к выдаче' })
        .click();
      await page.getByRole('heading', { name: 'Карты к выдаче', level: 1 }).waitFor();
      const row = page.getByRole('listitem', { name: MEMBER });
      expect(await row.textContent()).toContain(formatCardNumber(cardNumber));
      await fitsThePhone(page);
      await row.getByRole('button', { name: `Выдать карту: ${MEMBER}` }).click();
      await row.waitFor({ state: 'detached' });
      // The other member's card still waits.
      await page.getByRole('listitem', { name: OTHER }).waitFor();

      const cards = await admin.get<{
        items: { kind: string; status: string; issuedOn: string }[];
      }>(`/members/${memberId}/cards`);
      expect(cards.items.find((c) => c.kind === 'plastic')).toMatchObject({ status: 'issued' });
      await page.close();
    });

    it('the member signs in to the cabinet and sees the virtual card’s QR code', async () => {
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

      const virtualCard = page.getByRole('group', { name: 'Электронный профсоюзный билет' });
      await virtualCard.getByLabel(`Номер билета ${formatCardNumber(cardNumber)}`).waitFor();
      const qr = virtualCard.getByRole('img', { name: 'QR-код профсоюзного билета' });
      await qr.waitFor();
      expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(
        220,
      );
      await fitsThePhone(page);

      // The first sign-in gave the member a virtual card as a carrier.
      const cards = await admin.get<{ items: { kind: string; status: string }[] }>(
        `/members/${memberId}/cards`,
      );
      expect(cards.items.find((c) => c.kind === 'virtual')).toMatchObject({ status: 'active' });
      await page.close();
    });
  },
);
