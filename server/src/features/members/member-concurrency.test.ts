import { isValidCardNumber } from '@profreestr/contracts';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
});
afterAll(() => t.close());

const memberCount = async () => {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from members`.execute(
    t.database.db,
  );
  return rows[0]?.n ?? 0;
};

describe('card numbers under concurrency', () => {
  it('50 concurrent creations get 50 distinct Luhn-valid numbers', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.api('POST', '/api/v1/members', {
          cookie: tree.admin,
          body: {
            orgId: tree.orgs.primaryA1.id,
            lastName: 'Параллельная',
            firstName: `Анна${'а'.repeat(i % 7)}`,
            middleName: `Тест${'о'.repeat(i)}вна`,
          },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    const numbers = responses.map((r) => r.json().cardNumber as string);
    expect(new Set(numbers).size).toBe(50);
    expect(numbers.every(isValidCardNumber)).toBe(true);
  });

  it('the same person submitted twice at once is put on record once', async () => {
    const body = {
      orgId: tree.orgs.primaryA2.id,
      lastName: 'Двойная',
      firstName: 'Вера',
      birthDate: '1990-10-10',
    };
    const responses = await Promise.all(
      [1, 2, 3].map(() => t.api('POST', '/api/v1/members', { cookie: tree.admin, body })),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
  });
});

// Bodies built from valid and invalid pieces: whatever arrives, the API answers 2xx or 4xx,
// and a refused body leaves nothing behind.
const piece = <T>(valid: T[], invalid: unknown[]) => fc.constantFrom<unknown>(...valid, ...invalid);
const bodyArb = fc.record(
  {
    lastName: piece(['Сидорова', "О'Нил"], ['', 'Сидорова1', 42, null, 'x'.repeat(300)]),
    firstName: piece(['Мария'], ['', {}, []]),
    middleName: piece(['Ивановна', null, ''], [7]),
    birthDate: piece(
      ['1980-02-29', null],
      ['1980-02-30', '29.02.1980', '2999-01-01', '1800-01-01', 19800229],
    ),
    sex: piece(['female', null], ['f', 1]),
    category: piece(['working', 'student', null], ['teacher']),
    studyCourse: piece([1, 6, null], [0, 7, 2.5, '3']),
    email: piece(['m@example.ru', '', null], ['m@', 'm example.ru']),
    phone: piece(['+7 912 000-00-00', null], ['12', '+1 555 0100']),
    notify: piece([{ sms: true }, {}], [{ sms: 'yes' }, null]),
    pdConsent: piece([{ givenOn: '2024-01-01' }, null], [{ givenOn: 'вчера' }, { version: '1' }]),
    cardNumber: piece([undefined], ['1234', '4000000000000003', 'abcdabcdabcdabcd']),
    extra: piece([undefined], ['surprise']),
  },
  { requiredKeys: [] },
);

describe('any create or patch body', () => {
  it('never gets a 5xx, and a refused create leaves no member behind', async () => {
    await fc.assert(
      fc.asyncProperty(bodyArb, async (body) => {
        const before = await memberCount();
        const response = await t.api('POST', '/api/v1/members', {
          cookie: tree.admin,
          body: { orgId: tree.orgs.primaryB1.id, ...body },
        });
        expect(response.statusCode).toBeLessThan(500);
        const after = await memberCount();
        expect(after).toBe(response.statusCode === 201 ? before + 1 : before);
        if (response.statusCode === 201) {
          // Clean up so later runs do not meet a duplicate of this person.
          await t.api('POST', `/api/v1/members/${response.json().id}/deregister`, {
            cookie: tree.admin,
            body: { on: response.json().registeredOn, reason: 'other' },
          });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a refused patch changes nothing', async () => {
    const created = await t.api('POST', '/api/v1/members', {
      cookie: tree.admin,
      body: { orgId: tree.orgs.primaryB1.id, lastName: 'Неизменная', firstName: 'Карточка' },
    });
    const id = created.json().id;
    await fc.assert(
      fc.asyncProperty(bodyArb, async (body) => {
        const before = (await t.api('GET', `/api/v1/members/${id}`, { cookie: tree.admin })).json();
        const response = await t.api('PATCH', `/api/v1/members/${id}`, {
          cookie: tree.admin,
          body,
        });
        expect(response.statusCode).toBeLessThan(500);
        const after = (await t.api('GET', `/api/v1/members/${id}`, { cookie: tree.admin })).json();
        if (response.statusCode !== 200) expect(after).toEqual(before);
        else expect(after).toEqual(response.json());
      }),
      { numRuns: 60 },
    );
  });
});
