import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  auditActionLabels,
  auditRequestLabel,
  isAuditAction,
  memberChangeActions,
  orgChangeActions,
} from '@profreestr/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';

// The journal speaks Russian for everything the server writes: every action code in the
// server's source has a label, and every API route a refusal can name has one.

const serverSrc = fileURLToPath(new URL('../../', import.meta.url));

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
    }),
  );
  return files.flat();
}

/** `action: 'member.read'` (an audit action; access actions are `member:read`). */
const AUDIT_ACTION = /\baction:\s*['"`]([a-z_]+(?:\.[a-z_]+)+)['"`]/g;
/** `action: `${audit.action}.end`` — an action made from another one and a suffix. */
const SUFFIXED_ACTION = /\baction:\s*`\$\{[^}]+\}\.([a-z_]+)`/g;

describe('audit action labels', () => {
  let written: Map<string, string>;
  let suffixes: Set<string>;

  beforeAll(async () => {
    written = new Map();
    suffixes = new Set();
    for (const file of await sourceFiles(serverSrc)) {
      const text = await readFile(file, 'utf8');
      for (const match of text.matchAll(AUDIT_ACTION)) {
        written.set(match[1] as string, relative(serverSrc, file));
      }
      for (const match of text.matchAll(SUFFIXED_ACTION)) suffixes.add(match[1] as string);
    }
  });

  it('the scan finds the actions written directly (it would see a new one)', () => {
    for (const code of ['member.read', 'org.read', 'access.denied', 'user.create', 'mfa.reset']) {
      expect(written.has(code), code).toBe(true);
    }
  });

  it('every action code the server writes has a Russian label', () => {
    const missing = [...written].filter(([code]) => !isAuditAction(code));
    expect(missing.map(([code, file]) => `${code} (${file})`)).toEqual([]);
  });

  it("an export's closing entry (`….export.end`) has a label for every export", () => {
    // The only action made from another one: a new suffix needs its labels (and this test).
    expect([...suffixes].filter((suffix) => suffix !== 'end')).toEqual([]);
    const exports = [...written.keys()].filter((code) => code.endsWith('.export'));
    expect(exports.length).toBeGreaterThan(0);
    expect(exports.map((code) => `${code}.end`).filter((code) => !isAuditAction(code))).toEqual([]);
  });

  it('every change an org or a member history records (written as `org.<action>`) has one', () => {
    const codes = [
      ...orgChangeActions.map((a) => `org.${a}`),
      ...memberChangeActions.map((a) => `member.${a}`),
    ];
    expect(codes.filter((code) => !isAuditAction(code))).toEqual([]);
  });

  it('labels are Russian words, not codes', () => {
    for (const label of Object.values(auditActionLabels)) {
      expect(label).toMatch(/^[А-ЯЁ][а-яёА-ЯЁ0-9 ,:«»()-]+$/);
    }
  });
});

describe('refused requests in the journal', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('every signed-in API route has its own Russian name', () => {
    const routes = t.app.routeTable.filter(
      (r) => r.url.startsWith('/api/v1/') && !r.callers.includes('applicant'),
    );
    expect(routes.length).toBeGreaterThan(40);
    const unnamed = routes
      .filter((r) => !auditRequestLabel(r.method, r.url))
      .map((r) => `${r.method} ${r.url}`);
    expect(unnamed).toEqual([]);
  });
});
