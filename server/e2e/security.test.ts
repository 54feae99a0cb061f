import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/lib/totp.js';
import {
  assertNoPersonalData,
  E2E_ADMIN_PASSWORD,
  e2eEnabled,
  launchBrowser,
  phoneViewport,
  type RunningServer,
  startServer,
} from './e2e-server.js';

// The second factor in the browser, with MFA_REQUIRED_ROLES=admin as shipped: the admin is
// led to enrol right after the password, keeps the recovery codes, signs in next time with a
// code, and finds the sign-ins in the audit log.

describe.runIf(e2eEnabled)(
  'an admin enrols a second factor on a phone and signs in with it',
  () => {
    let server: RunningServer;
    let browser: Browser;
    let secret = '';

    beforeAll(async () => {
      server = await startServer({ MFA_REQUIRED_ROLES: 'admin' });
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    const passwordStep = async (page: import('playwright-core').Page) => {
      await page.goto(`${server.baseUrl}/login`);
      await page.getByLabel('Логин').fill('admin');
      await page.getByLabel('Пароль', { exact: true }).fill(E2E_ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Войти' }).click();
    };

    it('after the password the admin must enrol: QR, key, code, then recovery codes', async () => {
      const page = await browser.newPage({ viewport: phoneViewport });
      await passwordStep(page);
      await page.getByRole('heading', { name: 'Настройка второго фактора' }).waitFor();
      await page.getByAltText('QR-код для приложения-аутентификатора').waitFor();
      secret = (await page.getByLabel('Ключ для ввода вручную').inputValue()).replace(/\s/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);

      await page.getByLabel('Код подтверждения').fill(totpCode(secret, new Date()));
      await page.getByRole('button', { name: 'Подтвердить' }).click();
      await page.getByRole('heading', { name: 'Сохраните резервные коды' }).waitFor();
      const codes = await page.getByRole('list', { name: 'Резервные коды' }).textContent();
      expect(codes?.match(/[a-z2-7]{5}-[a-z2-7]{5}/g)).toHaveLength(10);
      await page.getByRole('button', { name: 'Готово' }).click();
      await page.getByRole('heading', { name: 'Заполненность данных' }).waitFor();
      await page.close();
    });

    it('next time a wrong code is refused and the right one signs in; the audit log shows it', async () => {
      const page = await browser.newPage({ viewport: phoneViewport });
      await passwordStep(page);
      await page.getByRole('heading', { name: 'Подтверждение входа' }).waitFor();
      await page.getByLabel('Код подтверждения').fill('000000');
      await page.getByRole('button', { name: 'Подтвердить' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toContain('Неверный или уже использованный код');

      // A code of the next 30-second step: the one used at enrolment cannot be taken again.
      const next = new Date(Date.now() + 30_000);
      await page.getByLabel('Код подтверждения').fill(totpCode(secret, next));
      await page.getByRole('button', { name: 'Подтвердить' }).click();
      await page.getByRole('heading', { name: 'Заполненность данных' }).waitFor();

      await page.goto(`${server.baseUrl}/audit`);
      await page.getByRole('heading', { name: 'Журнал аудита' }).waitFor();
      await expect
        .poll(() => page.locator('body').textContent())
        .toContain('Включение второго фактора');
      await expect
        .poll(() => page.locator('body').textContent())
        .toContain('Подтверждение входа кодом');
      await page.close();
    });
  },
);

describe('the check on every e2e server log', () => {
  it('catches an e-mail, a phone or a test password, and lets timestamps pass', () => {
    expect(() => assertNoPersonalData('{"q":"anna@example.ru"}')).toThrow(/e-mail/);
    expect(() => assertNoPersonalData('{"phone":"+7 912 345-67-89"}')).toThrow(/phone/);
    expect(() => assertNoPersonalData('{"password":"e2e-chair-password"}')).toThrow(/password/);
    expect(() =>
      assertNoPersonalData('{"time":1795574020374,"responseTime":0.89872000000013}'),
    ).not.toThrow();
  });
});
