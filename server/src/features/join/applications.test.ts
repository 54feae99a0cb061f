import { applicationSchema, todayIso } from '@profreestr/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicRequest, submitApplication } from '../../../test/application-fixture.js';
import { putOnRecord } from '../../../test/member-fixture.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

// The staff's side of online join: the applications of their subtree, the badge, and the
// decision: accepting puts the person on record (once, whatever the race), refusing tells why.

type Tree = Awaited<ReturnType<typeof buildTree>>;

describe('online join, the staff’s side', () => {
  let t: TestApp;
  let tree: Tree;
  let editorA: string;
  let editorB: string;
  let viewerA: string;

  const letterTo = async (email: string, kind: string) =>
    (await t.database.query(
      'select subject, text_body, org_path, member_id from mail_messages where to_address = $1 and kind = $2',
      [email, kind],
    )) as { subject: string; text_body: string; org_path: string; member_id: string | null }[];
  const statusOf = async (id: string) =>
    (
      (await t.database.query('select status from applications where id = $1', [id])) as {
        status: string;
      }[]
    )[0]?.status;
  const membersNamed = async (lastName: string) =>
    (await t.database.query('select id, org_id from members where last_name = $1', [lastName])) as {
      id: string;
      org_id: string;
    }[];

  beforeAll(async () => {
    t = await createTestApp();
    tree = await buildTree(t);
    await tree.user('join-editor-a', 'editor', tree.orgs.terrA.id);
    await tree.user('join-editor-b', 'editor', tree.orgs.regionB.id);
    await tree.user('join-viewer-a', 'viewer', tree.orgs.regionA.id);
    editorA = await t.login('join-editor-a');
    editorB = await t.login('join-editor-b');
    viewerA = await t.login('join-viewer-a');
  });
  afterAll(() => t?.close());

  it('staff list only their subtree’s submitted applications; another subtree’s is 404', async () => {
    const a1 = await submitApplication(t, tree.orgs.primaryA1.id, { lastName: 'Спискова' });
    const a2 = await submitApplication(t, tree.orgs.primaryA2.id);
    const b1 = await submitApplication(t, tree.orgs.primaryB1.id);
    const unconfirmed = await submitApplication(
      t,
      tree.orgs.primaryA1.id,
      {},
      { confirmed: false },
    );

    const list = await t.api('GET', '/api/v1/applications', { cookie: editorA });
    expect(list.statusCode, list.body).toBe(200);
    const ids = list.json().items.map((a: { id: string }) => a.id);
    expect(ids).toEqual([a2.id, a1.id]);
    const item = list.json().items[1];
    expect(applicationSchema.strict().parse(item)).toEqual(item);
    expect(item).toMatchObject({
      status: 'submitted',
      orgId: tree.orgs.primaryA1.id,
      orgName: 'ППО школы № 1',
      lastName: 'Спискова',
      firstName: 'Анна',
      email: a1.email,
      memberId: null,
      decidedAt: null,
    });
    expect(item.confirmedAt).not.toBeNull();

    const underB = await t.api('GET', `/api/v1/applications?under=${tree.orgs.primaryB1.id}`, {
      cookie: editorA,
    });
    expect(underB.statusCode).toBe(404);
    const pageB = await t.api('GET', '/api/v1/applications', { cookie: editorB });
    expect(pageB.json().items.map((a: { id: string }) => a.id)).toEqual([b1.id]);
    expect(
      (await t.api('GET', `/api/v1/applications/${b1.id}`, { cookie: editorA })).statusCode,
    ).toBe(404);
    // Nobody confirmed it: not an application staff see, even the centre's admin.
    expect(
      (await t.api('GET', `/api/v1/applications/${unconfirmed.id}`, { cookie: tree.admin }))
        .statusCode,
    ).toBe(404);
    // A page at a time, newest first.
    const first = await t.api('GET', '/api/v1/applications?limit=1', { cookie: editorA });
    const next = await t.api(
      'GET',
      `/api/v1/applications?limit=1&cursor=${first.json().nextCursor}`,
      { cookie: editorA },
    );
    expect([...first.json().items, ...next.json().items].map((a: { id: string }) => a.id)).toEqual([
      a2.id,
      a1.id,
    ]);

    const count = await t.api('GET', '/api/v1/applications/count', { cookie: editorA });
    expect(count.json()).toEqual({ submitted: 2 });
    expect((await t.api('GET', '/api/v1/applications/count', { cookie: editorB })).json()).toEqual({
      submitted: 1,
    });

    // Reading personal data is on record.
    const read = await t.api('GET', `/api/v1/applications/${a1.id}`, { cookie: editorA });
    expect(read.json()).toEqual(item);
    const audit = (await t.database.query(
      `select action from audit_log where target_type = 'application' and target_id = $1
         and actor_login = 'join-editor-a'`,
      [a1.id],
    )) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['application.read']);
  });

  it('a viewer can read an application but not accept or reject it (403)', async () => {
    const a = await submitApplication(t, tree.orgs.primaryA1.id);
    expect(
      (await t.api('GET', `/api/v1/applications/${a.id}`, { cookie: viewerA })).statusCode,
    ).toBe(200);
    const accept = await t.api('POST', `/api/v1/applications/${a.id}/accept`, {
      cookie: viewerA,
      body: {},
    });
    expect(accept.statusCode).toBe(403);
    const reject = await t.api('POST', `/api/v1/applications/${a.id}/reject`, {
      cookie: viewerA,
      body: { reason: 'Нет' },
    });
    expect(reject.statusCode).toBe(403);
    expect(await statusOf(a.id)).toBe('submitted');
  });

  it('accepting puts one member on record with a card number, the consent kept, and a letter', async () => {
    const a = await submitApplication(t, tree.orgs.primaryA1.id, {
      lastName: 'Принятова',
      category: 'student',
      studyCourse: 3,
      workplace: 'Педагогический университет',
    });
    const accepted = await t.api('POST', `/api/v1/applications/${a.id}/accept`, {
      cookie: editorA,
      body: {},
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const { application, member } = accepted.json();
    expect(application).toMatchObject({ id: a.id, status: 'accepted', memberId: member.id });
    expect(application.decidedAt).not.toBeNull();
    expect(member).toMatchObject({
      orgId: tree.orgs.primaryA1.id,
      status: 'active',
      lastName: 'Принятова',
      firstName: 'Анна',
      middleName: 'Петровна',
      sex: 'female',
      birthDate: '1990-04-12',
      category: 'student',
      studyCourse: 3,
      workplace: 'Педагогический университет',
      position: 'Учитель',
      phone: '+79123456789',
      email: a.email,
      registeredOn: todayIso(),
      pdConsent: { givenOn: todayIso(), version: '2026-01', method: 'electronic' },
    });
    expect(member.cardNumber).toMatch(/^\d{16}$/);
    expect(await membersNamed('Принятова')).toHaveLength(1);
    const card = await t.api('GET', `/api/v1/members/${member.id}`, { cookie: editorA });
    expect(card.json().cardNumber).toBe(member.cardNumber);

    const [letter] = await letterTo(a.email, 'application_accepted');
    expect(letter?.subject).toBe('Профреестр: вы приняты в Профсоюз');
    expect(letter?.text_body).toContain(member.cardNumber.slice(0, 4));
    expect(letter?.text_body).toContain(`/cabinet/login?email=${encodeURIComponent(a.email)}`);
    expect(letter?.member_id).toBe(member.id);
    // The code the applicant entered proved the address: no confirmation letter, and the
    // consents ledger names the application as the consent's source.
    expect(member.emailVerified).toBe(true);
    expect(await letterTo(a.email, 'email_confirmation')).toEqual([]);
    const ledger = (await t.database.query(
      'select kind, granted, version, by from member_consents where member_id = $1',
      [member.id],
    )) as { kind: string; granted: boolean; version: string; by: string }[];
    expect(ledger).toEqual([{ kind: 'pd', granted: true, version: '2026-01', by: 'application' }]);

    const again = await t.api('POST', `/api/v1/applications/${a.id}/accept`, {
      cookie: editorA,
      body: {},
    });
    expect(again.statusCode).toBe(409);
    const status = await publicRequest(
      t,
      'GET',
      `/api/v1/applications/${a.id}/status?email=${encodeURIComponent(a.email)}`,
    );
    expect(status.json()).toEqual({ status: 'accepted', rejectReason: null });
  });

  it('two accepts at once give one member and one 409', async () => {
    const a = await submitApplication(t, tree.orgs.primaryA2.id, { lastName: 'Гонкина' });
    const accept = (cookie: string) =>
      t.api('POST', `/api/v1/applications/${a.id}/accept`, { cookie, body: {} });
    const responses = await Promise.all([accept(editorA), accept(tree.admin)]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await membersNamed('Гонкина')).toHaveLength(1);
    expect(await letterTo(a.email, 'application_accepted')).toHaveLength(1);
  });

  it('a person already on record elsewhere is 409, and the application still waits', async () => {
    await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryB1.id,
      lastName: 'Состоящая',
      firstName: 'Анна',
      middleName: 'Петровна',
      birthDate: '1990-04-12',
    });
    const a = await submitApplication(t, tree.orgs.primaryA1.id, { lastName: 'Состоящая' });
    const response = await t.api('POST', `/api/v1/applications/${a.id}/accept`, {
      cookie: editorA,
      body: {},
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('conflict');
    expect(await statusOf(a.id)).toBe('submitted');
    expect((await membersNamed('Состоящая')).map((m) => m.org_id)).toEqual([
      tree.orgs.primaryB1.id,
    ]);
    expect(await letterTo(a.email, 'application_accepted')).toEqual([]);
  });

  it('bad input to a decision is 422 naming the field, and changes nothing', async () => {
    const a = await submitApplication(t, tree.orgs.primaryA1.id, { lastName: 'Ошибкина' });
    const cases: [string, unknown, string][] = [
      ['accept', { on: '2023-02-30' }, 'on'],
      ['accept', { on: '2999-01-01' }, 'on'],
      // Before the application was made.
      ['accept', { on: '2001-01-01' }, 'on'],
      ['accept', { memberId: '1' }, 'memberId'],
      ['reject', { reason: '   ' }, 'reason'],
      ['reject', {}, 'reason'],
    ];
    for (const [action, body, field] of cases) {
      const response = await t.api('POST', `/api/v1/applications/${a.id}/${action}`, {
        cookie: editorA,
        body,
      });
      expect(response.statusCode, `${action} ${JSON.stringify(body)}`).toBe(422);
      expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await statusOf(a.id)).toBe('submitted');
    expect(await membersNamed('Ошибкина')).toEqual([]);
    const missing = await t.api('POST', '/api/v1/applications/999999999/accept', {
      cookie: editorA,
      body: {},
    });
    expect(missing.statusCode).toBe(404);
  });

  it('rejecting keeps the reason and sends it; the person may apply again', async () => {
    const a = await submitApplication(t, tree.orgs.primaryA1.id, {
      lastName: 'Отказова',
      birthDate: '1992-06-07',
    });
    const reason = 'Вы не работаете в этой школе: подайте заявление в свою организацию';
    const rejected = await t.api('POST', `/api/v1/applications/${a.id}/reject`, {
      cookie: editorA,
      body: { reason },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ id: a.id, status: 'rejected', rejectReason: reason });
    const [letter] = await letterTo(a.email, 'application_rejected');
    expect(letter?.text_body).toContain(`Причина: ${reason}`);
    expect(letter?.text_body).toContain('«ППО школы № 1»');
    const status = await publicRequest(
      t,
      'GET',
      `/api/v1/applications/${a.id}/status?email=${encodeURIComponent(a.email)}`,
    );
    expect(status.json()).toEqual({ status: 'rejected', rejectReason: reason });
    const twice = await t.api('POST', `/api/v1/applications/${a.id}/accept`, {
      cookie: editorA,
      body: {},
    });
    expect(twice.statusCode).toBe(409);
    const rejectedList = await t.api('GET', '/api/v1/applications?status=rejected', {
      cookie: editorA,
    });
    expect(rejectedList.json().items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    // No longer waiting: the same person may apply again.
    await submitApplication(t, tree.orgs.primaryA2.id, {
      lastName: 'Отказова',
      birthDate: '1992-06-07',
    });
  });

  it('applications follow their org when it moves', async () => {
    const a = await submitApplication(t, tree.orgs.primaryA1.id, { lastName: 'Переездова' });
    const moved = await t.api('POST', `/api/v1/orgs/${tree.orgs.primaryA1.id}/move`, {
      cookie: tree.admin,
      body: { parentId: tree.orgs.terrB.id },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(
      (await t.api('GET', `/api/v1/applications/${a.id}`, { cookie: editorA })).statusCode,
    ).toBe(404);
    expect(
      (await t.api('GET', `/api/v1/applications/${a.id}`, { cookie: editorB })).statusCode,
    ).toBe(200);
  });
});
