import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

// Lost updates: a member card and an org passport carry a version (ETag); a change made on a
// stale version is refused with 412 instead of silently overwriting what someone else saved.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let memberId: string;

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  const created = await t.api('POST', '/api/v1/members', {
    cookie: tree.admin,
    body: { orgId: tree.orgs.primaryA1.id, lastName: 'Версиева', firstName: 'Анна' },
  });
  memberId = created.json().id;
});
afterAll(() => t.close());

const records = () => [
  { name: 'member card', url: `/api/v1/members/${memberId}`, field: 'workplace' },
  { name: 'org passport', url: `/api/v1/orgs/${tree.orgs.primaryA2.id}`, field: 'shortName' },
];

describe.each(['member card', 'org passport'])('versions of a %s', (name) => {
  const record = () => records().find((r) => r.name === name) as ReturnType<typeof records>[0];

  it('a read carries its version as a strong ETag, equal to the body version', async () => {
    const response = await t.api('GET', record().url, { cookie: tree.admin });
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe(`"${response.json().version}"`);
  });

  it('a change on the current version passes and moves the version on', async () => {
    const read = await t.api('GET', record().url, { cookie: tree.admin });
    const response = await t.api('PATCH', record().url, {
      cookie: tree.admin,
      body: { [record().field]: 'Первая правка' },
      headers: { 'if-match': String(read.headers.etag) },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().version).toBeGreaterThan(read.json().version);
    expect(response.headers.etag).toBe(`"${response.json().version}"`);
  });

  it('a change on a stale version is 412 and changes nothing', async () => {
    const stale = await t.api('GET', record().url, { cookie: tree.admin });
    await t.api('PATCH', record().url, {
      cookie: tree.admin,
      body: { [record().field]: 'Правка коллеги' },
    });
    const response = await t.api('PATCH', record().url, {
      cookie: tree.admin,
      body: { [record().field]: 'Моя правка' },
      headers: { 'if-match': String(stale.headers.etag) },
    });
    expect(response.statusCode).toBe(412);
    expect(response.json().error).toMatchObject({ code: 'conflict' });
    expect(response.json().error.message).toMatch(/изменили/);
    const after = await t.api('GET', record().url, { cookie: tree.admin });
    expect(after.json()[record().field]).toBe('Правка коллеги');
    expect(response.headers.etag).toBe(after.headers.etag);
  });

  it('ten parallel changes of one version: exactly one wins, nine get 412', async () => {
    const read = await t.api('GET', record().url, { cookie: tree.admin });
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.api('PATCH', record().url, {
          cookie: tree.admin,
          body: { [record().field]: `Параллельная правка ${i}` },
          headers: { 'if-match': String(read.headers.etag) },
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(412)]);
  });

  it('clients that send no If-Match (or *) keep working: the last change wins', async () => {
    for (const headers of [{}, { 'if-match': '*' }] as Record<string, string>[]) {
      const response = await t.api('PATCH', record().url, {
        cookie: tree.admin,
        body: { [record().field]: 'Без версии' },
        headers,
      });
      expect(response.statusCode).toBe(200);
    }
  });

  it('a weak or malformed tag never matches', async () => {
    const read = await t.api('GET', record().url, { cookie: tree.admin });
    for (const tag of [`W/${read.headers.etag}`, 'garbage', '"-1"']) {
      const response = await t.api('PATCH', record().url, {
        cookie: tree.admin,
        body: { [record().field]: 'Слабая метка' },
        headers: { 'if-match': tag },
      });
      expect(response.statusCode, tag).toBe(412);
    }
  });
});
