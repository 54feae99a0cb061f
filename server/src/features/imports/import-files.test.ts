import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, importFile, upload } from '../../../test/import-fixture.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

/** A zip with the given entries, deflated: enough of the format for a real XLSX reader. */
function zip(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const packed = deflateRawSync(entry.data);
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

async function xlsx(rows: (string | number | Date)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Данные');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function readXlsx(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook;
}

describe('import files and exports', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof buildTree>>;

  beforeAll(async () => {
    t = await createTestApp();
    tree = await buildTree(t);
  });
  afterAll(() => t.close());

  const refusal = async (name: string, content: Buffer) => {
    const response = await upload(t, tree.admin, {
      kind: 'members',
      orgId: tree.orgs.terrA.id,
      name,
      content,
    });
    expect(response.statusCode).toBe(422);
    return response.json().error.details[0].message as string;
  };

  it('refuses a zip bomb from its directory, without unpacking it', async () => {
    const bomb = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(200 * 1024 * 1024, 0x20) },
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await refusal('bomb.xlsx', bomb)).toMatch(/слишком большой объём/);
  });

  it('refuses a renamed binary, an old XLS and a zip that is no workbook', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect(await refusal('photo.xlsx', png)).toMatch(/не является таблицей/);
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    expect(await refusal('old.xls', xls)).toMatch(/XLS/);
    const docx = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.from('<w/>') },
    ]);
    expect(await refusal('letter.xlsx', docx)).toMatch(/не является книгой Excel/);
  });

  it('a file over the size limit is 413', async () => {
    const response = await upload(t, tree.admin, {
      kind: 'members',
      orgId: tree.orgs.terrA.id,
      name: 'big.csv',
      content: Buffer.alloc(51 * 1024 * 1024, 0x41),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('too_large');
  });

  it('imports XLSX with date cells, and its template reads back with the contract headers', async () => {
    const template = await t.api('GET', '/api/v1/imports/templates/members?format=xlsx', {
      cookie: tree.admin,
    });
    expect(template.statusCode).toBe(200);
    const book = await readXlsx(template.rawPayload);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Данные', 'Пояснения']);
    const headers = ((book.getWorksheet('Данные')?.getRow(1).values ?? []) as string[]).slice(1);
    expect(headers).toContain('Согласие на обработку ПД');
    expect(book.getWorksheet('Пояснения')?.getRow(8).getCell(4).value).toContain(
      'неработающий пенсионер',
    );

    const file = await xlsx([
      ['Код организации', 'Фамилия', 'Имя', 'Дата рождения', 'Курс', 'Категория'],
      ['P-A1', 'Лебедева', 'Дарья', new Date(Date.UTC(2004, 6, 1)), 2, 'обучающийся'],
      ['P-A1', 'Гусев', 'Артём', '01.13.2000', '', ''],
    ]);
    const result = await importFile(t, tree.admin, {
      kind: 'members',
      orgId: tree.orgs.terrA.id,
      name: 'm.xlsx',
      content: file,
    });
    expect(result).toMatchObject({ status: 'done', message: null, created: 1, rejected: 1 });
    expect(result.errors).toEqual([
      { row: 3, column: 'Дата рождения', message: expect.any(String) },
    ]);
    const found = (
      await t.api('GET', `/api/v1/members?under=${tree.orgs.terrA.id}&q=Лебедева`, {
        cookie: tree.admin,
      })
    ).json();
    expect(found.items[0]).toMatchObject({
      birthDate: '2004-07-01',
      studyCourse: 2,
      category: 'student',
    });

    const rejected = await t.api('GET', `/api/v1/imports/${result.id}/rejected.xlsx`, {
      cookie: tree.admin,
    });
    expect(rejected.statusCode).toBe(200);
    const sheet = (await readXlsx(rejected.rawPayload)).worksheets[0];
    const header = sheet?.getRow(1).values as string[];
    const row = sheet?.getRow(2).values as string[];
    expect(row[header.indexOf('Фамилия')]).toBe('Гусев');
    expect(row[header.indexOf('Ошибки')]).toMatch(/^Дата рождения: /);
  });

  it('imports orgs with a parent later in the file, reports unknown parents and cycles, and changes nothing the second time', async () => {
    const file = csv([
      [
        'Код',
        'Код вышестоящей',
        'Уровень',
        'Полное наименование',
        'Наличие профкома',
        'Членский взнос, %',
        'Лишний столбец',
      ],
      ['P-NEW', 'T-NEW', 'первичная', 'ППО гимназии № 3', 'да', '1,5', 'x'],
      ['T-NEW', '', 'территориальная', 'Новая территориальная', '', '', ''],
      ['P-X', 'NOWHERE', 'первичная', 'ППО без вышестоящей', '', '', ''],
      ['C-1', 'C-2', 'первичная', 'Круг 1', '', '', ''],
      ['C-2', 'C-1', 'первичная', 'Круг 2', '', '', ''],
      ['P-BAD', 'T-NEW', 'первичная', 'ППО с ошибкой', 'может быть', '', ''],
    ]);
    const form = { kind: 'orgs', orgId: tree.orgs.regionA.id, name: 'orgs.csv', content: file };
    const result = await importFile(t, tree.admin, form);
    expect(result).toMatchObject({
      status: 'done',
      total: 6,
      processed: 6,
      created: 2,
      rejected: 4,
    });
    expect(result.errors).toEqual([
      { row: 1, column: 'Лишний столбец', message: 'Неизвестный столбец: пропущен' },
      { row: 4, column: 'Код вышестоящей', message: expect.stringContaining('NOWHERE') },
      { row: 5, column: 'Код вышестоящей', message: expect.stringContaining('по кругу') },
      { row: 6, column: 'Код вышестоящей', message: expect.stringContaining('по кругу') },
      { row: 7, column: 'Наличие профкома', message: 'Укажите «да» или «нет»' },
    ]);
    const found = (
      await t.api('GET', `/api/v1/orgs?q=P-NEW&under=${tree.orgs.regionA.id}`, {
        cookie: tree.admin,
      })
    ).json();
    expect(found.items[0]).toMatchObject({ level: 'primary', hasCommittee: true, duesRate: 1.5 });
    const again = await importFile(t, tree.admin, form);
    expect(again).toMatchObject({ created: 0, updated: 0, rejected: 4 });
  });

  it('exports the subtree with the list filters, neutralises formulas, and writes who exported how many', async () => {
    const created = await t.api('POST', '/api/v1/members', {
      cookie: tree.admin,
      body: {
        orgId: tree.orgs.primaryA2.id,
        lastName: 'Формулова',
        firstName: 'Ева',
        workplace: '=HYPERLINK("http://x")',
      },
    });
    expect(created.statusCode).toBe(201);
    const response = await t.api(
      'GET',
      `/api/v1/members/export?under=${tree.orgs.terrA.id}&q=Формулова&format=csv`,
      {
        cookie: tree.admin,
      },
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain("filename*=UTF-8''");
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);

    const xlsxExport = await t.api('GET', `/api/v1/members/export?under=${tree.orgs.terrA.id}`, {
      cookie: tree.admin,
    });
    const sheet = (await readXlsx(xlsxExport.rawPayload)).worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('Код организации');
    expect(sheet?.rowCount).toBeGreaterThan(2);

    // One entry before the first byte (who, with which filters), one before the file closes.
    const [started] = await t.database.query(
      "select details from audit_log where action = 'member.export' order by id desc limit 1",
    );
    expect(started).toMatchObject({ details: { format: 'xlsx', under: tree.orgs.terrA.id } });
    await expect
      .poll(
        async () =>
          (
            await t.database.query(
              "select details from audit_log where action = 'member.export.end' order by id desc limit 1",
            )
          )[0],
      )
      .toMatchObject({
        details: { format: 'xlsx', complete: true, rows: (sheet?.rowCount ?? 0) - 1 },
      });

    await tree.user('editor-b', 'editor', tree.orgs.terrB.id);
    const other = await t.login('editor-b');
    expect(
      (await t.api('GET', `/api/v1/members/export?under=${tree.orgs.terrA.id}`, { cookie: other }))
        .statusCode,
    ).toBe(404);
    const orgs = await t.api(
      'GET',
      `/api/v1/orgs/export?under=${tree.orgs.regionA.id}&format=csv`,
      { cookie: tree.admin },
    );
    expect(orgs.body).toContain('P-A1;T-A;первичная;ППО школы № 1');
  });

  it('an exported members file loads back without changes', async () => {
    const exported = await t.api(
      'GET',
      `/api/v1/members/export?under=${tree.orgs.terrA.id}&format=xlsx`,
      { cookie: tree.admin },
    );
    const result = await importFile(t, tree.admin, {
      kind: 'members',
      orgId: tree.orgs.terrA.id,
      name: 'export.xlsx',
      content: exported.rawPayload,
    });
    expect(result).toMatchObject({
      status: 'done',
      created: 0,
      updated: 0,
      rejected: 0,
      errors: [],
    });
  });
});
