import type { Browser } from 'playwright-core';
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

// A mailing on a phone: the admin composes it to the working members of a region, sees who
// will receive it, sends it after confirming, and the letters arrive at a real SMTP server
// (started here) with one-click unsubscribe.

const SUBJECT = 'Собрание профактива 15 декабря';

describe.runIf(e2eEnabled)('composing and sending a mailing on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startServer({
      SMTP_URL: sink.url,
      MAIL_FROM: 'Профреестр <noreply@union.example>',
    });
    const admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    const region = await admin.post<{ id: string }>('/orgs', {
      code: '72',
      level: 'regional',
      parentId: admin.user.orgId,
      name: 'Тюменская областная организация',
    });
    const district = await admin.post<{ id: string }>('/orgs', {
      code: '72-1',
      level: 'territorial',
      parentId: region.id,
      name: 'Ишимская городская организация',
    });
    const school = await admin.post<{ id: string }>('/orgs', {
      code: '72-1-1',
      level: 'primary',
      parentId: district.id,
      name: 'ППО гимназии № 1',
    });
    const member = (lastName: string, extra: Record<string, unknown>) =>
      admin.post('/members', {
        orgId: school.id,
        lastName,
        firstName: 'Марина',
        middleName: 'Олеговна',
        category: 'working',
        ...extra,
      });
    await member('Уведомляева', { email: 'uvedomlyaeva@example.org', notify: { email: true } });
    await member('Согласова', { email: 'soglasova@example.org', notify: { email: true } });
    await member('Безпочтовая', {});
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await sink?.close();
  });

  it('the admin composes, sees the count, sends after confirming; the letters arrive', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Открыть меню' }).click();
    await page
      .getByRole('navigation', { name: 'Основное меню' })
      .getByRole('link', { name: 'Рассылки' })
      .click();
    await page
      .getByRole('button', { name: 'Новая рассылка' })
      .or(page.getByRole('link', { name: 'Новая рассылка' }))
      .first()
      .click();

    await page.getByLabel('Тема', { exact: true }).fill(SUBJECT);
    await page
      .getByLabel('Текст письма', { exact: true })
      .fill('Приглашаем на собрание профактива.\n\nНачало в 16:00, актовый зал.');
    // The caller's own org comes chosen; the region is picked instead.
    await page.getByRole('button', { name: 'Выбрать другую' }).click();
    await page.getByLabel('Организация (с входящими в неё)').fill('Тюменская');
    await page.getByRole('button', { name: /Тюменская областная организация/ }).click();
    await page.getByLabel('Работающий', { exact: true }).check({ force: true });
    await page.getByRole('button', { name: 'Сохранить черновик' }).click();

    // The draft's page: who will receive it.
    await expect
      .poll(() => page.textContent('body'))
      .toContain('Получателей: 3, из них без e-mail: 1, без согласия: 0 — письмо получат 2');
    await page.getByRole('button', { name: 'Отправить', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Отправить рассылку' });
    await expect.poll(() => dialog.textContent()).toContain('получат 2 человека');
    await dialog.getByRole('button', { name: 'Отправить', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    await expect
      .poll(() => sink.received.filter((m) => m.subject === SUBJECT).length, { timeout: 30_000 })
      .toBe(2);
    const letter = sink.received.find((m) => m.subject === SUBJECT);
    expect(letter?.text).toContain('Здравствуйте, Марина Олеговна!');
    expect(letter?.headerLines.some((h) => h.key === 'list-unsubscribe-post')).toBe(true);
    // The page follows the delivery (it asks again while sending): two sent, one skipped.
    await expect
      .poll(() => page.textContent('main'), { timeout: 30_000 })
      .toMatch(/Отправлено: 2[\s\S]*Пропущено: 1/);
    await page.close();
  });
});
