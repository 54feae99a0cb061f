import type { Org, Role } from '@profreestr/contracts';
import type { TestApp } from './test-app.js';
import { USER_PASSWORD } from './test-app.js';

/**
 * A small tree through the public API, as an admin would build it:
 *   central ─ regionA ─ terrA ─ primaryA1, primaryA2
 *           └ regionB ─ terrB ─ primaryB1
 */
export async function buildTree(t: TestApp) {
  const admin = await t.login('admin');
  const me = (await t.api('GET', '/api/v1/auth/me', { cookie: admin })).json();
  const centralId: string = me.user.orgId;

  const org = async (code: string, level: Org['level'], parentId: string, name: string) => {
    const response = await t.api('POST', '/api/v1/orgs', {
      cookie: admin,
      body: { code, level, parentId, name },
    });
    if (response.statusCode !== 201) throw new Error(`org ${code}: ${response.body}`);
    return response.json() as Org;
  };
  const regionA = await org('R-A', 'regional', centralId, 'Региональная организация А');
  const regionB = await org('R-B', 'regional', centralId, 'Региональная организация Б');
  const terrA = await org('T-A', 'territorial', regionA.id, 'Территориальная организация А');
  const terrB = await org('T-B', 'territorial', regionB.id, 'Территориальная организация Б');
  const primaryA1 = await org('P-A1', 'primary', terrA.id, 'ППО школы № 1');
  const primaryA2 = await org('P-A2', 'primary', terrA.id, 'ППО школы № 2');
  const primaryB1 = await org('P-B1', 'primary', terrB.id, 'ППО детского сада № 5');

  const user = async (login: string, role: Role, orgId: string) => {
    const response = await t.api('POST', '/api/v1/users', {
      cookie: admin,
      body: { login, role, orgId, password: USER_PASSWORD, fullName: `Тестовый ${login}` },
    });
    if (response.statusCode !== 201) throw new Error(`user ${login}: ${response.body}`);
    return response.json().user as { id: string };
  };

  return {
    admin,
    centralId,
    orgs: { regionA, regionB, terrA, terrB, primaryA1, primaryA2, primaryB1 },
    user,
  };
}
