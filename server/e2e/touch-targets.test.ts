import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

// A walk through the screens at 390 px listing every button and control under 44×44 px
// (one CSS rule sets the size, web/src/layout/touch-targets.css). Links inside a sentence are
// exempt (WCAG 2.5.8); a checkbox counts together with its label, which takes the tap too.

const webSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/src');

/** The visible controls of the page smaller than 44×44 px, described for the failure message. */
function smallControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const MIN = 44 - 0.5;
    const selector = [
      'button',
      'a[href]',
      'input:not([type="hidden"])',
      'select',
      'textarea',
      '[role="button"]',
      '[role="tab"]',
      '[role="menuitem"]',
      '[role="checkbox"]',
      '[role="radio"]',
      '[role="switch"]',
    ].join(',');
    const visible = (el: Element) => {
      const rect = el.getBoundingClientRect();
      return (
        rect.width > 2 &&
        rect.height > 2 &&
        el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
      );
    };
    /** A link with text of its own around it: part of a sentence. */
    const inSentence = (el: Element) =>
      el.tagName === 'A' &&
      Array.from(el.parentElement?.childNodes ?? []).some(
        (node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '',
      );
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll(selector))) {
      if (inSentence(el)) continue;
      // An input drawn inside a box (a password with its eye button): the box is the target.
      const parts: Element[] = [el.closest('.mantine-Input-input') ?? el];
      if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
        parts.push(...Array.from(el.labels ?? []));
      }
      const shown = parts.filter(visible);
      if (shown.length === 0) continue;
      const rects = shown.map((part) => part.getBoundingClientRect());
      const width = Math.max(...rects.map((r) => r.right)) - Math.min(...rects.map((r) => r.left));
      const height = Math.max(...rects.map((r) => r.bottom)) - Math.min(...rects.map((r) => r.top));
      if (width >= MIN && height >= MIN) continue;
      const name =
        el.getAttribute('aria-label') ||
        (el instanceof HTMLInputElement && el.labels?.[0]?.textContent) ||
        el.textContent?.trim().slice(0, 40) ||
        el.getAttribute('placeholder') ||
        '';
      found.push(
        `${el.tagName.toLowerCase()} «${name}» ${Math.round(width)}×${Math.round(height)}`,
      );
    }
    return found;
  });
}

describe.runIf(e2eEnabled)('touch targets on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let regionId: string;
  let primaryId: string;
  let memberId: string;

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    type Created = { id: string };
    regionId = (
      await admin.post<Created>('/orgs', {
        code: '44',
        level: 'regional',
        parentId: admin.user.orgId,
        name: 'Костромская областная организация',
      })
    ).id;
    primaryId = (
      await admin.post<Created>('/orgs', {
        code: '44-001',
        level: 'primary',
        parentId: regionId,
        name: 'ППО МБОУ «Школа № 44»',
      })
    ).id;
    memberId = (
      await admin.post<Created>('/members', {
        orgId: primaryId,
        lastName: 'Смирнова',
        firstName: 'Анна',
        birthDate: '1984-02-11',
      })
    ).id;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('every control of the main screens is at least 44×44 px at 390 px', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    const small: string[] = [];
    const check = async (screen: string) => {
      for (const control of await smallControls(page)) small.push(`${screen}: ${control}`);
      // Bigger controls must not push the page sideways.
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > phoneViewport.width) small.push(`${screen}: the page is ${width} px wide`);
    };
    const open = async (url: string, ready: string) => {
      await page.goto(`${server.baseUrl}${url}`);
      await page.getByRole('heading', { name: ready }).first().waitFor();
    };

    await open('/orgs', 'Организации');
    await check('организации');
    await page.getByRole('button', { name: 'Открыть меню' }).click();
    await page.getByRole('navigation', { name: 'Основное меню' }).waitFor();
    await check('меню');
    await page.getByRole('button', { name: 'Закрыть меню' }).click();

    await open(`/orgs/${primaryId}`, 'ППО МБОУ «Школа № 44»');
    await check('паспорт');
    await page
      .getByRole('tabpanel', { name: 'ИНПО' })
      .getByRole('button', { name: 'Изменить' })
      .click();
    await page.getByRole('form', { name: 'ИНПО: изменение' }).waitFor();
    await check('паспорт, правка');
    await page.goto(`${server.baseUrl}/orgs/${primaryId}?tab=chairman&edit=1`);
    await page.getByRole('form', { name: 'Председатель: изменение' }).waitFor();
    await check('председатель, правка');

    await page.goto(`${server.baseUrl}/orgs/${primaryId}?tab=members`);
    const panel = page.getByRole('tabpanel', { name: 'Члены Профсоюза' });
    await panel.getByText('Смирнова Анна').first().waitFor();
    await check('члены');
    await panel.getByRole('button', { name: 'Поставить на учёт' }).click();
    await page.getByRole('dialog', { name: 'Поставить на учёт' }).waitFor();
    await check('постановка на учёт');
    await page.keyboard.press('Escape');

    await page.goto(`${server.baseUrl}/members/${memberId}`);
    await page.getByRole('tabpanel', { name: 'Общие' }).waitFor();
    await check('карточка');

    // A filter from a link: its chip's button fits the chip.
    await page.goto(`${server.baseUrl}/members?under=${primaryId}&missing=sex`);
    await page.getByText('Смирнова').first().waitFor();
    await check('члены Профсоюза, фильтр');

    await open(`/orgs/${regionId}/dashboard`, 'Заполненность данных');
    await check('заполненность');
    await page.goto(`${server.baseUrl}/orgs/${regionId}/completeness/duesRate`);
    await page.getByRole('link', { name: 'ППО МБОУ «Школа № 44»' }).waitFor();
    await check('не заполнено');
    await page.goto(`${server.baseUrl}/orgs/${regionId}/completeness/sex`);
    await page.getByRole('link', { name: 'ППО МБОУ «Школа № 44»' }).waitFor();
    await check('не заполнено, члены');
    await open(`/orgs/${primaryId}/short-passport`, 'Краткий паспорт');
    await check('краткий паспорт');
    await open('/imports', 'Импорт');
    await check('импорт');
    await open('/account/security', 'Безопасность');
    await check('безопасность');

    expect(small, `controls under 44×44 px:\n${small.join('\n')}`).toEqual([]);
    await page.close();
  });

  it('the import page shows its choice as a segmented control, no bare radio buttons', async () => {
    const page = await browser.newPage({ viewport: phoneViewport });
    await signIn(page, server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    await page.goto(`${server.baseUrl}/imports`);
    const choice = page.getByRole('radiogroup').first();
    await choice.waitFor();
    // Mantine hides the radio inputs and styles the labels; without its CSS they show bare.
    const bare = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll('input[type="radio"]')).filter((input) => {
          const rect = input.getBoundingClientRect();
          return rect.width > 2 && rect.height > 2 && getComputedStyle(input).opacity !== '0';
        }).length,
    );
    expect(bare).toBe(0);
    await page.close();
  });

  it('every Mantine component the web uses has its styles imported', () => {
    // styles.ts imports Mantine's CSS per component (the whole file is ~300 KB); a component
    // used without its CSS renders bare, as the import page's choice once did.
    const styles = fs.readFileSync(path.join(webSrc, 'styles.ts'), 'utf8');
    const cssDir = path.resolve(webSrc, '../../node_modules/@mantine/core/styles');
    const available = new Set(fs.readdirSync(cssDir).map((file) => file.replace(/\.css$/, '')));
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(entry.name)) {
          const text = fs.readFileSync(full, 'utf8');
          for (const match of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@mantine\/core'/g)) {
            for (const name of (match[1] ?? '').split(',')) {
              const clean = name.trim().replace(/^type\s+/, '');
              if (/^[A-Z]/.test(clean)) used.add(clean);
            }
          }
        }
      }
    };
    walk(webSrc);
    const missing = [...used].filter(
      (name) => available.has(name) && !styles.includes(`/styles/${name}.css'`),
    );
    expect(missing).toEqual([]);
  });
});
