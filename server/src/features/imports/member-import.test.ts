import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, importFile, upload } from '../../../test/import-fixture.js';
import { putOnRecord } from '../../../test/member-fixture.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

const HEADER = [
  'Код организации',
  'Фамилия',
  'Имя',
  'Отчество',
  'Пол',
  'Дата рождения',
  'Категория',
  'Телефон',
  'E-mail',
  'Номер билета',
];

describe('members import', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof buildTree>>;

  beforeAll(async () => {
    t = await createTestApp();
    tree = await buildTree(t);
    // On record in region B: a row of region A's file naming her must be refused.
    await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryB1.id,
      lastName: 'Занятова',
      firstName: 'Ольга',
      birthDate: '1980-05-05',
    });
  });
  afterAll(() => t.close());

  const members = async (orgId: string) =>
    (await t.api('GET', `/api/v1/members?orgId=${orgId}&limit=200`, { cookie: tree.admin })).json()
      .items as { lastName: string; phone: string | null; cardNumber: string; id: string }[];

  it('reports every kind of bad cell with its row and column and loads the good rows', async () => {
    const file = csv([
      HEADER,
      [
        'P-A1',
        'Иванова',
        'Анна',
        'Сергеевна',
        'ж',
        '15.03.1985',
        'работающий',
        '+7 912 345-67-89',
        'anna@example.ru',
        '',
      ],
      ['P-A1', 'Петров', 'Пётр', '', 'м', '31.02.1990', 'работающий', '', '', ''],
      ['P-A1', 'Сидоров', 'Иван', '', 'м', '01.01.1990', 'учитель', '', '', ''],
      ['НЕТ-ТАКОЙ', 'Кузнецова', 'Мария', '', 'ж', '01.01.1991', '', '', '', ''],
      ['P-A1', 'Смирнов', 'Олег', '', 'м', '01.01.1992', '', '', '', '1234567890123456'],
      ['P-A1', 'Попова', 'Елена', '', 'ж', '01.01.1993', '', '', 'не-почта', ''],
      ['P-A1', '', 'Без', 'Фамилии', 'м', '01.01.1994', '', '', '', ''],
      ['P-A2', 'Занятова', 'Ольга', '', 'ж', '05.05.1980', '', '', '', ''],
      ['P-A2', 'Васильев', 'Денис', '', 'м', '01.01.1995', 'обучающийся', '', '', ''],
    ]);
    const result = await importFile(t, tree.admin, {
      kind: 'members',
      orgId: tree.orgs.terrA.id,
      name: 'members.csv',
      content: file,
    });
    expect(result).toMatchObject({
      status: 'done',
      total: 9,
      processed: 9,
      created: 2,
      updated: 0,
      rejected: 7,
    });
    const at = (row: number) => result.errors.filter((e) => e.row === row);
    // The format was right: the day does not exist, and the message says so.
    expect(at(3)).toEqual([
      { row: 3, column: 'Дата рождения', message: 'Такой даты нет: 31.02.1990' },
    ]);
    expect(at(4)).toEqual([
      { row: 4, column: 'Категория', message: expect.stringContaining('работающий') },
    ]);
    expect(at(5)).toEqual([
      { row: 5, column: 'Код организации', message: expect.stringContaining('НЕТ-ТАКОЙ') },
    ]);
    expect(at(6)).toEqual([
      { row: 6, column: 'Номер билета', message: expect.stringContaining('контрольная') },
    ]);
    expect(at(7)).toEqual([
      { row: 7, column: 'E-mail', message: expect.stringContaining('электронной почты') },
    ]);
    expect(at(8)).toEqual([{ row: 8, column: 'Фамилия', message: 'Не заполнено: фамилия' }]);
    // The person, not the org code, is at fault: named, with where she is (the centre sees it).
    expect(at(9)).toEqual([
      {
        row: 9,
        column: null,
        message:
          'Занятова Ольга, 05.05.1980 г. р., уже состоит на учёте в организации «ППО детского сада № 5» (код P-B1): перевод — в карточке члена Профсоюза',
      },
    ]);
    expect((await members(tree.orgs.primaryA1.id)).map((m) => m.lastName)).toEqual(['Иванова']);
    expect((await members(tree.orgs.primaryA2.id)).map((m) => m.lastName)).toEqual(['Васильев']);
  });

  it('a person on record where the importer cannot see is named, but not where she is', async () => {
    await tree.user('terr-a-editor', 'editor', tree.orgs.terrA.id);
    const editor = await t.login('terr-a-editor');
    const result = await importFile(t, editor, {
      kind: 'members',
      orgId: tree.orgs.terrA.id,
      name: 'one.csv',
      content: csv([
        ['Код организации', 'Фамилия', 'Имя', 'Дата рождения'],
        ['P-A2', 'Занятова', 'Ольга', '5.5.1980'],
        ['P-A2', 'Двойнова', 'Дарья', '06.06.1986'],
        ['P-A1', 'Двойнова', 'Дарья', '06.06.1986'],
      ]),
    });
    expect(result.errors).toEqual([
      {
        row: 2,
        column: null,
        message: 'Занятова Ольга, 05.05.1980 г. р., уже состоит на учёте в другой организации',
      },
      {
        row: 4,
        column: null,
        message: 'Двойнова Дарья, 06.06.1986 г. р., уже поставлен(а) на учёт строкой 3 этого файла',
      },
    ]);
  });

  it('importing the same file again changes nothing', async () => {
    const file = csv([
      HEADER,
      ['P-A2', 'Ковалёва', 'Нина', '', 'ж', '02.02.1970', 'неработающий пенсионер', '', '', ''],
      ['P-A2', 'Новиков', 'Юрий', '', '', '', '', '', '', ''],
    ]);
    const form = { kind: 'members', orgId: tree.orgs.terrA.id, name: 'again.csv', content: file };
    const first = await importFile(t, tree.admin, form);
    expect(first).toMatchObject({ created: 2, updated: 0, rejected: 0 });
    const before = await members(tree.orgs.primaryA2.id);
    const history = await t.database.query('select count(*)::int as n from changes');
    const second = await importFile(t, tree.admin, form);
    expect(second).toMatchObject({
      status: 'done',
      created: 0,
      updated: 0,
      rejected: 0,
      processed: 2,
    });
    expect(await members(tree.orgs.primaryA2.id)).toEqual(before);
    expect(await t.database.query('select count(*)::int as n from changes')).toEqual(history);
  });

  it('an update file changes only the cells that differ, matched by card number or by name and birth date', async () => {
    const [anna] = await members(tree.orgs.primaryA1.id);
    const file = csv([
      [
        'Код организации',
        'Фамилия',
        'Имя',
        'Дата рождения',
        'Телефон',
        'Номер билета',
        'Должность',
      ],
      // By card number: the phone changes, the empty cells erase nothing.
      ['P-A1', 'Иванова', 'Анна', '', '+7 900 000-00-01', anna?.cardNumber ?? '', ''],
      // By name and birth date in the same org: only the position is new.
      ['P-A2', 'Ковалёва', 'Нина', '02.02.1970', '', '', 'Вахтёр'],
    ]);
    const result = await importFile(t, tree.admin, {
      kind: 'members',
      orgId: tree.orgs.terrA.id,
      name: 'update.csv',
      content: file,
    });
    expect(result).toMatchObject({ status: 'done', created: 0, updated: 2, rejected: 0 });
    const card = (await t.api('GET', `/api/v1/members/${anna?.id}`, { cookie: tree.admin })).json();
    expect(card).toMatchObject({
      phone: '+79000000001',
      email: 'anna@example.ru',
      middleName: 'Сергеевна',
    });
    const history = (
      await t.api('GET', `/api/v1/members/${anna?.id}/history`, { cookie: tree.admin })
    ).json();
    expect(history.items[0].changes).toEqual([
      { field: 'phone', old: '+79123456789', new: '+79000000001' },
    ]);
  });

  it('a row giving a card the name and birth date of someone on record elsewhere is refused, as the form refuses it', async () => {
    const [anna] = await members(tree.orgs.primaryA1.id);
    // Her namesake by marriage, born the same day, on record in region B.
    await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryB1.id,
      lastName: 'Двойнова',
      firstName: 'Анна',
      middleName: 'Сергеевна',
      birthDate: '1985-03-15',
    });
    const file = csv([
      ['Код организации', 'Фамилия', 'Имя', 'Номер билета'],
      ['P-A1', 'Двойнова', 'Анна', anna?.cardNumber ?? ''],
    ]);
    const result = await importFile(t, tree.admin, {
      kind: 'members',
      orgId: tree.orgs.terrA.id,
      name: 'rename.csv',
      content: file,
    });
    expect(result).toMatchObject({ status: 'done', created: 0, updated: 0, rejected: 1 });
    expect(result.errors[0]?.message).toMatch(
      /Двойнова Анна Сергеевна, 15\.03\.1985 г\. р\., уже состоит на учёте в организации/,
    );
    const form = await t.api('PATCH', `/api/v1/members/${anna?.id}`, {
      cookie: tree.admin,
      body: { lastName: 'Двойнова' },
    });
    expect(form.statusCode).toBe(409);
    const card = (await t.api('GET', `/api/v1/members/${anna?.id}`, { cookie: tree.admin })).json();
    expect(card.lastName).toBe('Иванова');
  });

  it('reads Windows-1251 with commas, and a card number someone already holds elsewhere is refused', async () => {
    const [olga] = await members(tree.orgs.primaryB1.id);
    const text = [
      'Фамилия,Имя,Номер билета',
      `Орлова,Вера,`,
      `Чужая,Карта,${olga?.cardNumber}`,
    ].join('\r\n');
    const bytes = Buffer.from(
      [...text].map((ch) => {
        const code = ch.charCodeAt(0);
        if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
        if (ch === 'ё') return 0xb8;
        return code;
      }),
    );
    const result = await importFile(t, tree.admin, {
      kind: 'members',
      orgId: tree.orgs.primaryA1.id,
      name: 'cp1251.csv',
      content: bytes,
    });
    expect(result).toMatchObject({ status: 'done', created: 1, rejected: 1 });
    expect(result.errors).toEqual([
      { row: 3, column: 'Номер билета', message: expect.stringContaining('в другой организации') },
    ]);
    expect((await members(tree.orgs.primaryA1.id)).map((m) => m.lastName)).toContain('Орлова');
  });

  it('a wrong header row is refused at once with what is missing', async () => {
    const response = await upload(t, tree.admin, {
      kind: 'members',
      orgId: tree.orgs.terrA.id,
      name: 'bad.csv',
      content: 'ФИО;Год\r\nИванов Иван;1980',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0]).toMatchObject({
      field: 'file',
      message: expect.stringContaining('«Фамилия»'),
    });
  });

  it('a viewer may not import, and an org of another branch is not found', async () => {
    await tree.user('viewer-a', 'viewer', tree.orgs.terrA.id);
    await tree.user('editor-a', 'editor', tree.orgs.terrA.id);
    const form = { kind: 'members', name: 'x.csv', content: csv([HEADER]) };
    const viewer = await t.login('viewer-a');
    expect((await upload(t, viewer, { ...form, orgId: tree.orgs.terrA.id })).statusCode).toBe(403);
    const editor = await t.login('editor-a');
    expect((await upload(t, editor, { ...form, orgId: tree.orgs.terrB.id })).statusCode).toBe(404);
  });
});
