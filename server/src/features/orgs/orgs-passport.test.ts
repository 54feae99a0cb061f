import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let editor: string;
let url: string;

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  await tree.user('editor.ta', 'editor', tree.orgs.terrA.id);
  editor = await t.login('editor.ta');
  url = `/api/v1/orgs/${tree.orgs.primaryA1.id}`;
});
afterAll(() => t.close());

const patch = (body: unknown) => t.api('PATCH', url, { cookie: editor, body });

describe('passport tabs', () => {
  it('ИНПО: flags, dues rate, founding date, legal entity with INN and OGRN', async () => {
    const response = await patch({
      shortName: 'ППО школы 1',
      isLegalEntity: true,
      inn: '7707083893',
      ogrn: '1027700132195',
      duesRate: 1,
      isSmall: false,
      hasCommittee: true,
      foundedOn: '1995-09-01',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      shortName: 'ППО школы 1',
      isLegalEntity: true,
      inn: '7707083893',
      ogrn: '1027700132195',
      duesRate: 1,
      isSmall: false,
      hasCommittee: true,
      foundedOn: '1995-09-01',
    });
  });

  it('Председатель: phone normalised, e-mail lower-cased, term end defaulted, consents', async () => {
    const response = await patch({
      chairman: {
        lastName: 'Кузнецова',
        firstName: 'Елена',
        middleName: 'Петровна',
        birthDate: '1975-04-12',
        sex: 'female',
        electedOn: '2023-10-05',
        isReleased: false,
        phone: '8 (912) 345-67-89',
        email: 'E.Kuznetsova@Example.RU',
        notify: { sms: true, email: true },
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().chairman).toEqual({
      lastName: 'Кузнецова',
      firstName: 'Елена',
      middleName: 'Петровна',
      birthDate: '1975-04-12',
      sex: 'female',
      electedOn: '2023-10-05',
      termEndsOn: '2028-10-05',
      isReleased: false,
      phone: '+79123456789',
      email: 'e.kuznetsova@example.ru',
      notify: { sms: true, push: false, email: true },
    });
  });

  it('Организация: the education organization with its INN and headcounts', async () => {
    const response = await patch({
      eduOrg: {
        name: 'МБОУ «Средняя школа № 1»',
        type: 'school',
        inn: '7736050003',
        headName: 'Соколов Андрей Викторович',
        headPosition: 'Директор',
        employees: 84,
        students: 910,
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().eduOrg).toEqual({
      name: 'МБОУ «Средняя школа № 1»',
      type: 'school',
      inn: '7736050003',
      headName: 'Соколов Андрей Викторович',
      headPosition: 'Директор',
      employees: 84,
      students: 910,
    });
  });

  it('Адреса и телефоны: a partial change keeps the other fields', async () => {
    await patch({
      contacts: { legalAddress: 'г. Энск, ул. Школьная, 1', website: 'school1.example.ru' },
    });
    const response = await patch({
      contacts: { phone: '+7 (383) 200-00-01', email: 'ppo1@example.ru' },
    });
    expect(response.json().contacts).toEqual({
      legalAddress: 'г. Энск, ул. Школьная, 1',
      actualAddress: null,
      phone: '+73832000001',
      email: 'ppo1@example.ru',
      website: 'school1.example.ru',
    });
  });

  it('an empty string clears a value', async () => {
    const response = await patch({ contacts: { website: '' } });
    expect(response.json().contacts.website).toBeNull();
  });

  it('what was saved is what is read back', async () => {
    const read = await t.api('GET', url, { cookie: editor });
    expect(read.json().chairman.lastName).toBe('Кузнецова');
    expect(read.json().eduOrg.employees).toBe(84);
  });
});

describe('passport validation', () => {
  const expectInvalid = async (body: unknown, field: string, message: string | RegExp) => {
    const before = (await t.api('GET', url, { cookie: editor })).json();
    const response = await patch(body);
    expect(response.statusCode).toBe(422);
    const detail = response.json().error.details.find((d: { field: string }) => d.field === field);
    expect(detail?.message).toMatch(message);
    const after = (await t.api('GET', url, { cookie: editor })).json();
    expect(after).toEqual(before);
  };

  it('INN with a wrong check digit', () =>
    expectInvalid({ inn: '7707083894' }, 'inn', 'ИНН: неверная контрольная цифра'));
  it('INN of the wrong length', () =>
    expectInvalid({ inn: '77070838' }, 'inn', 'ИНН организации: 10 цифр'));
  it('OGRN with a wrong check digit', () =>
    expectInvalid({ ogrn: '1027700132196' }, 'ogrn', 'ОГРН: неверная контрольная цифра'));
  it('education org INN checked too', () =>
    expectInvalid(
      { eduOrg: { inn: '1234567890' } },
      'eduOrg.inn',
      'ИНН: неверная контрольная цифра',
    ));
  it('a phone with no such Russian code, or a foreign one without its country code', () =>
    expectInvalid({ chairman: { phone: '+7 212 555 01 00' } }, 'chairman.phone', /^Телефон/));
  it('a malformed e-mail', () =>
    expectInvalid({ contacts: { email: 'ppo@' } }, 'contacts.email', /name@example\.ru/));
  it('dues rate above 100', () =>
    expectInvalid({ duesRate: 120 }, 'duesRate', 'Взнос: от 0 до 100 %'));
  it('a founding date in the future', () =>
    expectInvalid({ foundedOn: '2999-01-01' }, 'foundedOn', 'Дата не может быть в будущем'));
  it('a chairman name with digits', () =>
    expectInvalid({ chairman: { lastName: 'Иванов2' } }, 'chairman.lastName', /Только буквы/));
  it('INN without being a legal entity', () =>
    expectInvalid(
      { isLegalEntity: false },
      'inn',
      'Указывается только для организации — юридического лица',
    ));
  it('a term ending before the election', () =>
    expectInvalid(
      { chairman: { termEndsOn: '2020-01-01' } },
      'chairman.termEndsOn',
      'Срок полномочий истекает позже даты избрания',
    ));
  it('parentId goes through the move action', () =>
    expectInvalid({ parentId: tree.orgs.terrB.id }, 'parentId', /переносом/));
  it('status goes through liquidation', () =>
    expectInvalid({ status: 'liquidated' }, 'status', /ликвидацией/));
  it('an unknown field', () =>
    expectInvalid({ colour: 'red' }, 'colour', 'Неизвестное поле «colour»'));
});

describe('creating with a passport', () => {
  it('POST /orgs takes the passport fields at once', async () => {
    const response = await t.api('POST', '/api/v1/orgs', {
      cookie: editor,
      body: {
        code: 'P-A9',
        level: 'primary',
        parentId: tree.orgs.terrA.id,
        name: 'ППО детского сада № 9',
        duesRate: 1,
        chairman: { lastName: 'Белова', firstName: 'Ирина', phone: '9123450000' },
      },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      duesRate: 1,
      chairman: { lastName: 'Белова', phone: '+79123450000' },
    });
  });
});
