import { isValidCardNumber } from '@profreestr/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putOnRecord } from '../../../test/member-fixture.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';
import { auditTrailOf } from '../audit/audit.service.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let chairA1: string;
let chairA2: string;
let viewerA1: string;

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  await tree.user('chair.a1', 'editor', tree.orgs.primaryA1.id);
  await tree.user('chair.a2', 'editor', tree.orgs.primaryA2.id);
  await tree.user('viewer.a1', 'viewer', tree.orgs.primaryA1.id);
  chairA1 = await t.login('chair.a1');
  chairA2 = await t.login('chair.a2');
  viewerA1 = await t.login('viewer.a1');
});
afterAll(() => t.close());

describe('putting on record', () => {
  it('the short form is enough; the card number is 16 digits with a Luhn check digit', async () => {
    const member = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Смирнова',
      firstName: 'Ольга',
      middleName: 'Ивановна',
      birthDate: '1985-03-14',
    });
    expect(member).toMatchObject({
      orgId: tree.orgs.primaryA1.id,
      status: 'active',
      lastName: 'Смирнова',
      category: null,
      emailVerified: false,
      notify: { sms: false, push: false, email: false },
      under35: false,
    });
    expect(member.cardNumber).toMatch(/^\d{16}$/);
    expect(isValidCardNumber(member.cardNumber)).toBe(true);
    expect(member.registeredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('every tab of the card is stored: Общие, Профсоюзный учёт, Работа, Контакты', async () => {
    const member = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Павлов',
      firstName: 'Артём',
      middleName: 'Олегович',
      sex: 'male',
      birthDate: '2004-11-02',
      category: 'student',
      duesPaymentForm: 'cash',
      pdConsent: { givenOn: '2024-09-02', version: '2.1', method: 'paper' },
      joinedOn: '2024-09-02',
      registeredOn: '2024-09-03',
      workplace: 'Педагогический колледж № 1',
      studyCourse: 2,
      faculty: 'Дошкольное образование',
      phone: '8 (912) 111-22-33',
      email: 'Artem.Pavlov@Example.ru',
      address: 'г. Энск, ул. Мира, 5',
      notify: { sms: true },
    });
    expect(member).toMatchObject({
      sex: 'male',
      category: 'student',
      duesPaymentForm: 'cash',
      pdConsent: { givenOn: '2024-09-02', version: '2.1', method: 'paper' },
      joinedOn: '2024-09-02',
      registeredOn: '2024-09-03',
      studyCourse: 2,
      faculty: 'Дошкольное образование',
      phone: '+79121112233',
      email: 'artem.pavlov@example.ru',
      notify: { sms: true, push: false, email: false },
      under35: true,
    });
  });

  it('an existing card number is kept when valid, refused when the check digit is wrong', async () => {
    const kept = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Орлова',
      firstName: 'Нина',
      cardNumber: '4000 0000 0000 0002',
    });
    expect(kept.cardNumber).toBe('4000000000000002');
    const bad = await t.api('POST', '/api/v1/members', {
      cookie: chairA1,
      body: {
        orgId: tree.orgs.primaryA1.id,
        lastName: 'Орлов',
        firstName: 'Пётр',
        cardNumber: '4000000000000003',
      },
    });
    expect(bad.json().error.details).toEqual([
      { field: 'cardNumber', message: 'Номер билета: 16 цифр, последняя — контрольная' },
    ]);
    const taken = await t.api('POST', '/api/v1/members', {
      cookie: chairA1,
      body: {
        orgId: tree.orgs.primaryA1.id,
        lastName: 'Орлов',
        firstName: 'Пётр',
        cardNumber: '4000000000000002',
      },
    });
    expect(taken.statusCode).toBe(409);
  });

  it('members are put on record only in primaries', async () => {
    const response = await t.api('POST', '/api/v1/members', {
      cookie: tree.admin,
      body: { orgId: tree.orgs.terrA.id, lastName: 'Иванов', firstName: 'Иван' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toBe(
      'Члены Профсоюза состоят на учёте в первичных организациях',
    );
  });

  it('the org counts its members on record', async () => {
    const org = await t.api('GET', `/api/v1/orgs/${tree.orgs.primaryA1.id}`, { cookie: chairA1 });
    expect(org.json().memberCount).toBe(3);
  });

  it('a viewer may not put members on record: 403', async () => {
    const response = await t.api('POST', '/api/v1/members', {
      cookie: viewerA1,
      body: { orgId: tree.orgs.primaryA1.id, lastName: 'Иванов', firstName: 'Иван' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('the chairman of A2 cannot put anyone on record in A1: 404', async () => {
    const response = await t.api('POST', '/api/v1/members', {
      cookie: chairA2,
      body: { orgId: tree.orgs.primaryA1.id, lastName: 'Иванов', firstName: 'Иван' },
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('validation', () => {
  const expectInvalid = async (
    body: Record<string, unknown>,
    field: string,
    message: string | RegExp,
  ) => {
    const response = await t.api('POST', '/api/v1/members', {
      cookie: chairA1,
      body: { orgId: tree.orgs.primaryA1.id, lastName: 'Тестова', firstName: 'Анна', ...body },
    });
    expect(response.statusCode).toBe(422);
    const detail = response.json().error.details.find((d: { field: string }) => d.field === field);
    expect(detail?.message).toMatch(message);
  };

  it('age below 14', () => expectInvalid({ birthDate: '2020-01-01' }, 'birthDate', /от 14 до 100/));
  it('age above 100', () =>
    expectInvalid({ birthDate: '1900-01-01' }, 'birthDate', /от 14 до 100/));
  it('a date of joining in the future', () =>
    expectInvalid({ joinedOn: '2999-01-01' }, 'joinedOn', 'Дата не может быть в будущем'));
  it('a bad e-mail', () => expectInvalid({ email: 'анна@' }, 'email', /name@example\.ru/));
  it('a phone that is not Russian', () => expectInvalid({ phone: '12345' }, 'phone', /^Телефон/));
  it('a name with digits', () =>
    expectInvalid({ lastName: 'Тестова2' }, 'lastName', /Только буквы/));
  it('names may hold hyphens and apostrophes', async () => {
    const member = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Римского-Корсакова',
      firstName: "Д'Арта",
    });
    expect(member.lastName).toBe('Римского-Корсакова');
  });
  it('a course for someone who is not a student', () =>
    expectInvalid(
      { category: 'working', studyCourse: 3 },
      'studyCourse',
      'Указывается только для обучающихся',
    ));
  it('an unknown category', () =>
    expectInvalid({ category: 'retired' }, 'category', 'Выберите категорию из списка'));
});

describe('reading and changing a card', () => {
  it('chairman of A2 gets 404 for a member of A1, exactly as for a missing one', async () => {
    const member = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Зайцева',
      firstName: 'Вера',
    });
    const other = await t.api('GET', `/api/v1/members/${member.id}`, { cookie: chairA2 });
    const missing = await t.api('GET', '/api/v1/members/987654321', { cookie: chairA2 });
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual(missing.json());
    const own = await t.api('GET', `/api/v1/members/${member.id}`, { cookie: viewerA1 });
    expect(own.statusCode).toBe(200);
  });

  it('every read of a card is written to the audit log', async () => {
    const member = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Гусева',
      firstName: 'Дарья',
    });
    await t.api('GET', `/api/v1/members/${member.id}`, { cookie: viewerA1 });
    const trail = await auditTrailOf(t.database.db, 'member', member.id);
    expect(trail.map((e) => e.action)).toEqual(['member.read', 'member.create']);
    expect(trail[0]).toMatchObject({ actor_login: 'viewer.a1', result: 'ok' });
  });

  it('PATCH changes only what it carries and records old → new', async () => {
    const member = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Егорова',
      firstName: 'Ксения',
      email: 'k.egorova@example.ru',
    });
    const response = await t.api('PATCH', `/api/v1/members/${member.id}`, {
      cookie: chairA1,
      body: { workplace: 'МБОУ СОШ № 1', position: 'Учитель', notify: { email: true } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      workplace: 'МБОУ СОШ № 1',
      position: 'Учитель',
      email: 'k.egorova@example.ru',
      notify: { sms: false, push: false, email: true },
    });
    const history = await t.api('GET', `/api/v1/members/${member.id}/history`, { cookie: chairA1 });
    expect(history.json().items[0]).toMatchObject({
      action: 'update',
      actor: { login: 'chair.a1' },
      changes: [
        { field: 'workplace', old: null, new: 'МБОУ СОШ № 1' },
        { field: 'position', old: null, new: 'Учитель' },
        { field: 'notify.email', old: false, new: true },
      ],
    });
  });

  it('orgId, status and cardNumber cannot be patched', async () => {
    const member = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Белов',
      firstName: 'Игорь',
    });
    for (const [field, value] of [
      ['orgId', tree.orgs.primaryA2.id],
      ['status', 'deregistered'],
      ['cardNumber', '4000000000000002'],
    ]) {
      const response = await t.api('PATCH', `/api/v1/members/${member.id}`, {
        cookie: chairA1,
        body: { [field as string]: value },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.details[0].field).toBe(field);
    }
  });

  it('a viewer may read but not change: 403', async () => {
    const member = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Фролова',
      firstName: 'Юлия',
    });
    const response = await t.api('PATCH', `/api/v1/members/${member.id}`, {
      cookie: viewerA1,
      body: { position: 'Воспитатель' },
    });
    expect(response.statusCode).toBe(403);
  });
});
