import { type Member, type Org, type OrgLevel, type Role, todayIso } from '@profreestr/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { submitApplication } from './application-fixture.js';
import { csv, multipart, waitForImport } from './import-fixture.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp, USER_PASSWORD } from './test-app.js';
import { buildTree } from './tree-fixture.js';

// The world of the authorization matrix (src/features/access/authorization-matrix.test.ts):
// the tree fixture's orgs plus a sibling territorial, signed-in callers of every role at four
// levels, and per target org the records a route's `:id` can name (a user, a member, an import,
// a row of each passport list). Everything is made through the API as the central admin.
//
//   central ─ regionA ─ terrA ─ primaryA1, primaryA2
//           │         └ terrA2
//           └ regionB ─ terrB ─ primaryB1

export const orgKeys = [
  'central',
  'regionA',
  'regionB',
  'terrA',
  'terrA2',
  'terrB',
  'primaryA1',
  'primaryA2',
  'primaryB1',
] as const;
export type OrgKey = (typeof orgKeys)[number];

export const relations = ['own', 'descendant', 'sibling', 'ancestor', 'otherBranch'] as const;
export type Relation = (typeof relations)[number];

export const callerLevels = ['primary', 'territorial', 'regional', 'centre'] as const;
export type CallerLevel = (typeof callerLevels)[number];

/**
 * Where each caller sits and which org plays each relation to it. Missing relations do not
 * exist for that caller (a primary has no descendant; the centre has no sibling, ancestor or
 * other branch): those cells are n/a.
 */
export const placements: Record<
  CallerLevel,
  { org: OrgKey; targets: Partial<Record<Relation, OrgKey>> }
> = {
  primary: {
    org: 'primaryA1',
    targets: {
      own: 'primaryA1',
      sibling: 'primaryA2',
      ancestor: 'terrA',
      otherBranch: 'primaryB1',
    },
  },
  territorial: {
    org: 'terrA',
    targets: {
      own: 'terrA',
      descendant: 'primaryA1',
      sibling: 'terrA2',
      ancestor: 'regionA',
      otherBranch: 'terrB',
    },
  },
  regional: {
    org: 'regionA',
    targets: {
      own: 'regionA',
      descendant: 'terrA',
      sibling: 'regionB',
      ancestor: 'central',
      otherBranch: 'primaryB1',
    },
  },
  centre: { org: 'central', targets: { own: 'central', descendant: 'regionA' } },
};

export const partKinds = ['activists', 'staff', 'events'] as const;
export type PartKind = (typeof partKinds)[number];

export interface Caller {
  /** `editor@territorial`, `anonymous`. */
  name: string;
  role: Role | null;
  level: CallerLevel | null;
  org: OrgKey | null;
  login: string | null;
  /** The caller's long-lived session; null for the anonymous caller. */
  cookie: string | null;
}

/** The records of one target org that a route's `:id` can name. */
export interface TargetRecords {
  /** A viewer whose org is the target org. */
  user: { id: string; fullName: string };
  /** A member on record in the target's home primary (see `homes`). */
  member: Member;
  /** A finished members import into the target org with one rejected row. */
  importId: string;
  /** One row of each passport list of the target org. */
  parts: Record<PartKind, string>;
  /** A letter about the target org that did not go (its chairman's address refused it). */
  letterId: string;
  /** A draft mailing to the members of the target org. */
  mailingId: string;
  /** An online application to the target's home primary, confirmed: waiting for a decision. */
  application: { id: string; email: string };
}

export interface Session {
  cookie: string | null;
  remoteAddress?: string;
}

export interface Req {
  method: string;
  url: string;
  /** Default: the caller's long-lived session. */
  session?: Session;
  body?: unknown;
  form?: { fields: Record<string, string>; file: { name: string; content: string } };
}

export interface MatrixWorld {
  t: TestApp;
  orgs: Record<OrgKey, Org>;
  /**
   * The primary where members "of" an org are on record: the org itself when it is a primary,
   * else a primary made directly under it (under the centre, which holds no primaries, a
   * primary of a regional org made for it). So a member of an ancestor or a sibling lies
   * outside the caller's subtree, like the org itself.
   */
  homes: Record<OrgKey, Org>;
  targets: Record<OrgKey, TargetRecords>;
  callers: Caller[];
  /** A viewer signed in by the sign-in cells. */
  loginUser: string;
  /** The central admin's request for setting records up; fails on any status but 2xx. */
  admin(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
  send(req: Req): Promise<LightMyRequestResponse>;
  unique(): number;
  /** A person name nobody else has: `Проверкина` + letters. */
  uniqueName(): string;
  /** A member made for one cell, in the home primary of `org`; optionally taken off record. */
  freshMember(org: OrgKey, options?: { deregistered?: boolean }): Promise<Member>;
  /** A row of a passport list made for one cell. */
  freshPart(org: OrgKey, kind: PartKind): Promise<string>;
  /** An application to the home primary of `org` made for one cell (confirmed unless told). */
  freshApplication(
    org: OrgKey,
    options?: { confirmed?: boolean },
  ): Promise<{ id: string; email: string; code: string }>;
  /** A new session of the caller (null cookie for the anonymous caller), from its own address. */
  freshSession(caller: Caller): Promise<Session>;
  /** A new user with the caller's role and org, signed in from its own address. */
  twinSession(caller: Caller): Promise<Session>;
  close(): Promise<void>;
}

const letters = 'абвгдежзиклмнопрстуфхцчшщэюя';
const word = (n: number) => {
  let s = '';
  let rest = n;
  do {
    s = letters[rest % letters.length] + s;
    rest = Math.floor(rest / letters.length);
  } while (rest > 0);
  return s;
};

const childLevel: Record<OrgLevel, OrgLevel | null> = {
  central: 'regional',
  regional: 'territorial',
  okrug: 'territorial',
  territorial: 'primary',
  primary: null,
};
export const childLevelOf = (level: OrgLevel) => childLevel[level];

export const partInputs: Record<PartKind, (lastName: string) => Record<string, unknown>> = {
  activists: (lastName) => ({ role: 'committee_member', lastName, firstName: 'Анна' }),
  staff: (lastName) => ({ position: 'Бухгалтер', lastName, firstName: 'Ольга' }),
  events: () => ({ date: todayIso(), title: 'Собрание профгруппы', kind: 'meeting' }),
};

/** A members file whose one row lacks the surname: rejected, so the import has a rejects file. */
export const rejectedMembersFile = (orgCode: string, firstName: string) =>
  csv([
    ['Код организации', 'Фамилия', 'Имя'],
    [orgCode, '', firstName],
  ]);

// Sessions may be rate-limited per minute: the setup admin takes a new one every so often.
const SETUP_REQUESTS_PER_SESSION = 200;

export async function buildMatrixWorld(): Promise<MatrixWorld> {
  // Every caller's one session walks every route: more requests a minute than a person sends
  // (the budget itself is security.test's).
  const t = await createTestApp({ security: { apiRequestsPerMinute: 1_000_000 } });
  let seq = 0;
  const unique = () => ++seq;
  const addressOf = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

  const send: MatrixWorld['send'] = (req) => {
    const headers: Record<string, string> = {};
    if (req.session?.cookie) headers.cookie = req.session.cookie;
    let payload: string | Buffer | object | undefined;
    if (req.form) {
      const form = multipart(req.form.fields, req.form.file);
      headers['content-type'] = form.contentType;
      payload = form.body;
    } else if (req.body !== undefined) {
      payload = req.body as object;
    }
    return t.app.inject({
      method: req.method as 'GET',
      url: req.url,
      headers,
      ...(payload === undefined ? {} : { payload }),
      ...(req.session?.remoteAddress ? { remoteAddress: req.session.remoteAddress } : {}),
    });
  };

  const signIn = async (login: string, password: string, remoteAddress?: string) => {
    const response = await send({
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { login, password },
      session: { cookie: null, ...(remoteAddress ? { remoteAddress } : {}) },
    });
    if (response.statusCode !== 200) {
      throw new Error(`sign-in of ${login} failed: ${response.statusCode} ${response.body}`);
    }
    const mfa = (response.json() as { mfa?: string }).mfa;
    if (mfa) {
      throw new Error(
        `sign-in of ${login} asks for a second factor (mfa: ${mfa}); the matrix expects ` +
          'createTestApp() to require none',
      );
    }
    const cookie = response.cookies.find((c) => c.name === 'prf_session');
    if (!cookie) throw new Error(`sign-in of ${login}: no session cookie`);
    return `prf_session=${cookie.value}`;
  };

  let setup = { cookie: await signIn('admin', ADMIN_PASSWORD), used: 0 };
  const admin: MatrixWorld['admin'] = async (method, url, body) => {
    if (setup.used >= SETUP_REQUESTS_PER_SESSION) {
      setup = { cookie: await signIn('admin', ADMIN_PASSWORD), used: 0 };
    }
    setup.used++;
    const response = await send({ method, url, body, session: { cookie: setup.cookie } });
    if (response.statusCode < 200 || response.statusCode > 299) {
      throw new Error(`setup ${method} ${url}: ${response.statusCode} ${response.body}`);
    }
    return response;
  };

  const tree = await buildTree(t);
  const central = (await admin('GET', `/api/v1/orgs/${tree.centralId}`)).json() as Org;
  const org = async (level: OrgLevel, parent: Org, name: string) =>
    (
      await admin('POST', '/api/v1/orgs', {
        code: `M-${unique()}`,
        level,
        parentId: parent.id,
        name,
      })
    ).json() as Org;
  const terrA2 = await org('territorial', tree.orgs.regionA, 'Территориальная организация А2');
  const orgs: Record<OrgKey, Org> = { central, ...tree.orgs, terrA2 };

  const homeRegion = await org('regional', central, 'Региональная организация для центра');
  const homes = {} as Record<OrgKey, Org>;
  for (const key of orgKeys) {
    const o = orgs[key];
    homes[key] =
      o.level === 'primary'
        ? o
        : await org('primary', o.level === 'central' ? homeRegion : o, `ППО при ${o.name}`);
  }

  const createUser = async (login: string, role: Role, orgId: string, fullName: string) =>
    (
      await admin('POST', '/api/v1/users', {
        login,
        role,
        orgId,
        password: USER_PASSWORD,
        fullName,
      })
    ).json().user as { id: string };

  const uniqueName = () => `Проверкина${word(unique())}`;
  const freshMember: MatrixWorld['freshMember'] = async (key, options = {}) => {
    const member = (
      await admin('POST', '/api/v1/members', {
        orgId: homes[key].id,
        lastName: uniqueName(),
        firstName: 'Анна',
      })
    ).json() as Member;
    if (!options.deregistered) return member;
    return (
      await admin('POST', `/api/v1/members/${member.id}/deregister`, {
        on: todayIso(),
        reason: 'own_wish',
      })
    ).json() as Member;
  };
  const freshApplication: MatrixWorld['freshApplication'] = (key, options = {}) =>
    submitApplication(t, homes[key].id, {}, options);
  const freshPart: MatrixWorld['freshPart'] = async (key, kind) =>
    (
      await admin('POST', `/api/v1/orgs/${orgs[key].id}/${kind}`, partInputs[kind](uniqueName()))
    ).json().id as string;

  // Callers: every role at a primary, a territorial, a regional org and the centre; the
  // centre's admin is the first-start `admin`.
  const callers: Caller[] = [
    { name: 'anonymous', role: null, level: null, org: null, login: null, cookie: null },
  ];
  for (const level of callerLevels) {
    const at = placements[level].org;
    for (const role of ['viewer', 'editor', 'admin'] as const) {
      const login = level === 'centre' && role === 'admin' ? 'admin' : `m.${role}.${level}`;
      if (login !== 'admin') await createUser(login, role, orgs[at].id, `Тестовый ${login}`);
      const cookie = await signIn(login, login === 'admin' ? ADMIN_PASSWORD : USER_PASSWORD);
      callers.push({ name: `${role}@${level}`, role, level, org: at, login, cookie });
    }
  }
  const loginUser = 'm.sign-in';
  await createUser(loginUser, 'viewer', orgs.primaryA1.id, 'Тестовый вход');

  const targets = {} as Record<OrgKey, TargetRecords>;
  const imports: Promise<string>[] = [];
  // Polling the imports has a session of its own, not to eat into the setup session's budget.
  const poller = await signIn('admin', ADMIN_PASSWORD);
  for (const key of orgKeys) {
    const fullName = `Пользователь ${orgs[key].code}`;
    const user = await createUser(
      `m.target.${key.toLowerCase()}`,
      'viewer',
      orgs[key].id,
      fullName,
    );
    const member = await freshMember(key);
    const parts = {} as Record<PartKind, string>;
    for (const kind of partKinds) parts[kind] = await freshPart(key, kind);
    // A letter about the org, as the outbox holds it after a refusal.
    const [letter] = (await t.database.query(
      `insert into mail_messages (kind, to_address, subject, text_body, html_body, message_id,
         org_path, status, attempts, last_error)
       select 'member_registered', $1, 'Письмо', 'Текст', '<p>Текст</p>', $2, path, 'failed', 1,
         '550 Mailbox unavailable' from orgs where id = $3 returning id`,
      [`chair.${key.toLowerCase()}@example.org`, `<matrix-${key}@union.example>`, orgs[key].id],
    )) as { id: string }[];
    targets[key] = {
      user: { id: user.id, fullName },
      member,
      importId: '',
      parts,
      letterId: String(letter?.id),
      application: await freshApplication(key),
      mailingId: (
        await admin('POST', '/api/v1/mailings', {
          subject: `Рассылка ${orgs[key].code}`,
          body: 'Текст',
          audience: { kind: 'members', under: orgs[key].id },
        })
      ).json().id as string,
    };
    const upload = await send({
      method: 'POST',
      url: '/api/v1/imports',
      session: { cookie: setup.cookie },
      form: {
        fields: { kind: 'members', orgId: orgs[key].id },
        file: { name: 'members.csv', content: rejectedMembersFile(homes[key].code, 'Анна') },
      },
    });
    if (upload.statusCode !== 202) throw new Error(`import into ${key}: ${upload.body}`);
    imports.push(
      waitForImport(t, poller, upload.json().id).then((done) => {
        if (done.rejected !== 1) throw new Error(`import into ${key}: ${JSON.stringify(done)}`);
        return done.id;
      }),
    );
  }
  const importIds = await Promise.all(imports);
  orgKeys.forEach((key, i) => {
    targets[key].importId = importIds[i] as string;
  });

  const freshSession: MatrixWorld['freshSession'] = async (caller) => {
    if (!caller.login) return { cookie: null };
    const remoteAddress = addressOf(unique());
    const password = caller.login === 'admin' ? ADMIN_PASSWORD : USER_PASSWORD;
    return { cookie: await signIn(caller.login, password, remoteAddress), remoteAddress };
  };
  const twinSession: MatrixWorld['twinSession'] = async (caller) => {
    if (!caller.role || !caller.org) return { cookie: null };
    const login = `m.twin.${unique()}`;
    await createUser(login, caller.role, orgs[caller.org].id, `Двойник ${caller.name}`);
    const remoteAddress = addressOf(unique());
    return { cookie: await signIn(login, USER_PASSWORD, remoteAddress), remoteAddress };
  };

  return {
    t,
    orgs,
    homes,
    targets,
    callers,
    loginUser,
    admin,
    send,
    unique,
    uniqueName,
    freshMember,
    freshPart,
    freshApplication,
    freshSession,
    twinSession,
    close: () => t.close(),
  };
}
