import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

// Exports leave only with their audit entry, and formula-looking text stays text.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
const exportUrl = () => `/api/v1/members/export?under=${tree.orgs.terrA.id}`;

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  for (const [lastName, workplace] of [
    ['Формулова', '=HYPERLINK("http://example.invalid")'],
    ['Плюсова', '+79123456789'],
  ]) {
    const response = await t.api('POST', '/api/v1/members', {
      cookie: tree.admin,
      body: { orgId: tree.orgs.primaryA1.id, lastName, firstName: 'Ева', workplace },
    });
    expect(response.statusCode).toBe(201);
  }
});
afterAll(() => t.close());

/** Makes the audit log refuse entries of one action, as a full disk or a broken table would. */
async function refuseAudit(action: string) {
  await t.database.query(`create or replace function refuse_audit() returns trigger
    language plpgsql as $$ begin
      if new.action = '${action}' then raise exception 'audit unavailable'; end if;
      return new;
    end $$`);
  await t.database.query(
    'create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit()',
  );
}
const allowAudit = () => t.database.query('drop trigger refuse_audit on audit_log');

describe('exports and their audit', () => {
  it('XLSX writes formula-looking text as a plain text cell, without the apostrophe CSV needs', async () => {
    const response = await t.api('GET', exportUrl(), { cookie: tree.admin });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const header = sheet?.getRow(1).values as string[];
    const column = header.indexOf('Место работы (учёбы)');
    const cells: ExcelJS.Cell[] = [];
    sheet?.eachRow((row, n) => {
      if (n > 1) cells.push(row.getCell(column));
    });
    const texts = cells.map((c) => c.value);
    expect(texts).toContain('=HYPERLINK("http://example.invalid")');
    expect(texts).toContain('+79123456789');
    for (const cell of cells) expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
    const csv = await t.api('GET', `${exportUrl()}&format=csv`, { cookie: tree.admin });
    expect(csv.body).toContain(`"'=HYPERLINK(""http://example.invalid"")"`);
  });

  it('an export whose audit entry cannot be written is not served: no data leaves', async () => {
    await refuseAudit('member.export');
    try {
      const response = await t.api('GET', exportUrl(), { cookie: tree.admin });
      expect(response.statusCode).toBe(500);
      expect(response.json().error.code).toBe('internal');
      expect(response.body).not.toContain('Формулова');
    } finally {
      await allowAudit();
    }
  });

  it('when the closing entry cannot be written, the file is never completed', async () => {
    await refuseAudit('member.export.end');
    try {
      // The response is cut off before the XLSX closes: the client never gets a whole file.
      await expect(t.api('GET', exportUrl(), { cookie: tree.admin })).rejects.toThrow(
        /destroyed before completion/,
      );
    } finally {
      await allowAudit();
    }
  });
});
