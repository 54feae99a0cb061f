import { createHash } from 'node:crypto';
import { consentTexts, todayIso } from '@profreestr/contracts';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applicationForm,
  confirmationCode,
  freshAddress,
  publicRequest,
  submitApplication,
  uniqueSurname,
} from '../../../test/application-fixture.js';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';
import { until } from '../../../test/until.js';
import { CONFIRM_IP_RULE, expireApplications, SEARCH_RULE } from './join.service.js';

// The public side of online join: nobody signed in finds a primary, applies, confirms the
// address with the code from the letter, and may check the application's status.

type Tree = Awaited<ReturnType<typeof buildTree>>;

const addressOf = (mail: ParsedMail) =>
  mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : undefined;

describe('online join, the public side', () => {
  let t: TestApp;
  let tree: Tree;
  let sink: SmtpSink;
  let closedPrimaryId: string;

  const countRows = async (table: 'applications' | 'mail_messages') =>
    Number(
      ((await t.database.query(`select count(*)::int as n from ${table}`)) as { n: number }[])[0]
        ?.n,
    );

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      mail: {
        smtpUrl: sink.url,
        from: 'Профреестр <noreply@union.example>',
        publicUrl: 'https://reestr.union.example',
        ratePerSecond: 1000,
      },
    });
    tree = await buildTree(t);
    const patch = async (orgId: string, body: unknown) => {
      const response = await t.api('PATCH', `/api/v1/orgs/${orgId}`, { cookie: tree.admin, body });
      expect(response.statusCode, response.body).toBe(200);
    };
    await patch(tree.orgs.primaryA1.id, {
      eduOrg: { name: 'Средняя общеобразовательная школа № 1', inn: '7707083893' },
      chairman: {
        lastName: 'Председателева',
        firstName: 'Мария',
        middleName: 'Ивановна',
        email: 'chair-a1@example.org',
        notify: { email: true },
      },
    });
    // A primary of A2 whose chairman turned letters off: told nothing.
    await patch(tree.orgs.primaryA2.id, {
      chairman: { lastName: 'Молчанова', email: 'chair-a2@example.org', notify: { email: false } },
    });
    const closed = await t.api('POST', '/api/v1/orgs', {
      cookie: tree.admin,
      body: { code: 'P-A3', level: 'primary', parentId: tree.orgs.terrA.id, name: 'ППО школы № 3' },
    });
    closedPrimaryId = closed.json().id;
    const liquidated = await t.api('POST', `/api/v1/orgs/${closedPrimaryId}/liquidate`, {
      cookie: tree.admin,
      body: { on: todayIso() },
    });
    expect(liquidated.statusCode, liquidated.body).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('public search returns only the contract’s fields and only active primaries', async () => {
    const search = async (query: string) => {
      const response = await publicRequest(t, 'GET', `/api/v1/public/orgs?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as {
        items: { id: string; name: string; regionName: string; eduOrgName: string }[];
        nextCursor: string | null;
      };
    };
    const schools = await search(`q=${encodeURIComponent('школы')}`);
    expect(schools.items.map((o) => o.name).sort()).toEqual(['ППО школы № 1', 'ППО школы № 2']);
    expect(schools.items.find((o) => o.id === tree.orgs.primaryA1.id)).toEqual({
      id: tree.orgs.primaryA1.id,
      name: 'ППО школы № 1',
      regionName: 'Региональная организация А',
      eduOrgName: 'Средняя общеобразовательная школа № 1',
    });
    for (const item of schools.items) {
      expect(Object.keys(item).sort()).toEqual(['eduOrgName', 'id', 'name', 'regionName']);
    }
    // The school's own name, its INN; never a territorial org, never a liquidated primary.
    const byEduName = await search(`q=${encodeURIComponent('ОБЩЕОБРАЗОВАТЕЛЬНАЯ школа')}`);
    expect(byEduName.items.map((o) => o.id)).toEqual([tree.orgs.primaryA1.id]);
    expect((await search('q=7707083893')).items.map((o) => o.id)).toEqual([tree.orgs.primaryA1.id]);
    expect((await search(`q=${encodeURIComponent('Территориальная')}`)).items).toEqual([]);
    expect((await search(`q=${encodeURIComponent('№ 3')}`)).items).toEqual([]);
    // Words and a number together: «школы 1» is school № 1 (numbers match as whole numbers).
    const one = await search(`q=${encodeURIComponent('школы 1')}`);
    expect(one.items.map((o) => o.id)).toEqual([tree.orgs.primaryA1.id]);
    // Within a region; a page at a time.
    const inB = await search(`regionId=${tree.orgs.regionB.id}`);
    expect(inB.items.map((o) => o.name)).toEqual(['ППО детского сада № 5']);
    const first = await search('limit=1');
    expect(first.items).toHaveLength(1);
    const second = await search(`limit=1&cursor=${first.nextCursor}`);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    const region = await publicRequest(
      t,
      'GET',
      `/api/v1/public/orgs?regionId=${tree.orgs.terrA.id}`,
    );
    expect(region.statusCode).toBe(404);

    const regions = await publicRequest(t, 'GET', '/api/v1/public/regions');
    expect(regions.json().items).toEqual([
      { id: tree.orgs.regionA.id, name: 'Региональная организация А' },
      { id: tree.orgs.regionB.id, name: 'Региональная организация Б' },
    ]);
  });

  it('the search is throttled per address: 429 with Retry-After', async () => {
    const address = freshAddress();
    const statuses: number[] = [];
    let last = await publicRequest(t, 'GET', '/api/v1/public/regions', { address });
    for (let i = 0; i < SEARCH_RULE.limit; i++) {
      statuses.push(last.statusCode);
      last = await publicRequest(t, 'GET', '/api/v1/public/orgs?q=1', { address });
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(last.statusCode).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.json().error.code).toBe('rate_limited');
    // Another address is not held up.
    expect((await publicRequest(t, 'GET', '/api/v1/public/regions')).statusCode).toBe(200);
  });

  it('create → the code letter read back from SMTP → confirm → the chairman’s letter', async () => {
    const form = applicationForm(tree.orgs.primaryA1.id, { lastName: 'Новикова' });
    const created = await publicRequest(t, 'POST', '/api/v1/applications', { body: form });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json();
    expect(created.json()).toEqual({ id, status: 'unconfirmed' });

    const letters = await until(
      async () => sink.received.filter((m) => addressOf(m) === form.email),
      (found) => found.length > 0,
    );
    const code = /код: (\d{6})/.exec(letters[0]?.text ?? '')?.[1] as string;
    expect(code).toMatch(/^\d{6}$/);
    expect(letters[0]?.text).toContain('Здравствуйте, Анна Петровна!');
    // The number the status page asks for.
    expect(letters[0]?.text).toContain(`Номер вашего заявления: ${id}.`);

    // Kept as its hash only, with the version of the consent text the person agreed to.
    const [row] = (await t.database.query(
      'select code_hash, pd_consent_version, status from applications where id = $1',
      [id],
    )) as { code_hash: string; pd_consent_version: string; status: string }[];
    // Keyed with the server's secret: neither the code nor its plain hash.
    expect(row?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.code_hash).not.toBe(createHash('sha256').update(code).digest('hex'));
    expect(row?.pd_consent_version).toBe(consentTexts.pd.version);

    const confirmed = await publicRequest(t, 'POST', `/api/v1/applications/${id}/confirm`, {
      body: { code },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toEqual({ id, status: 'submitted' });

    const chairman = await until(
      async () => sink.received.filter((m) => addressOf(m) === 'chair-a1@example.org'),
      (found) => found.length > 0,
    );
    expect(chairman[0]?.subject).toContain('Новикова Анна Петровна');
    expect(chairman[0]?.text).toContain('Здравствуйте, Мария Ивановна!');
    expect(chairman[0]?.text).toContain(`https://reestr.union.example/applications/${id}`);

    // The code is spent: used again, the application is confirmed already.
    const again = await publicRequest(t, 'POST', `/api/v1/applications/${id}/confirm`, {
      body: { code },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
  });

  it('a chairman who turned letters off is told nothing', async () => {
    const before = await countRows('mail_messages');
    await submitApplication(t, tree.orgs.primaryA2.id);
    const kinds = (await t.database.query(
      'select kind from mail_messages order by id desc limit $1',
      [(await countRows('mail_messages')) - before],
    )) as { kind: string }[];
    expect(kinds.map((k) => k.kind)).toEqual(['application_confirmation']);
  });

  it('a wrong code is 422 on `code`; hammering one application is 429 with Retry-After', async () => {
    const { id, code } = await submitApplication(
      t,
      tree.orgs.primaryA1.id,
      {},
      { confirmed: false },
    );
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      // From a new address each time: the application itself is counted.
      const response = await publicRequest(t, 'POST', `/api/v1/applications/${id}/confirm`, {
        body: { code: wrong },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.details).toEqual([
        { field: 'code', message: expect.any(String) },
      ]);
    }
    const blocked = await publicRequest(t, 'POST', `/api/v1/applications/${id}/confirm`, {
      body: { code },
    });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const [row] = (await t.database.query('select status from applications where id = $1', [
      id,
    ])) as { status: string }[];
    expect(row?.status).toBe('unconfirmed');
  });

  it('one address trying codes on many applications is held up too', async () => {
    const address = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i <= CONFIRM_IP_RULE.limit; i++) {
      // Each time another application (here none exists): only the address is counted.
      const response = await publicRequest(
        t,
        'POST',
        `/api/v1/applications/${900000000 + i}/confirm`,
        {
          body: { code: '123456' },
          address,
        },
      );
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, CONFIRM_IP_RULE.limit).every((s) => s === 404)).toBe(true);
    expect(statuses[CONFIRM_IP_RULE.limit]).toBe(429);
  });

  it('the status is told only to the application’s e-mail (any case); else 404', async () => {
    const { id, email } = await submitApplication(t, tree.orgs.primaryA1.id);
    const status = (mail: string, app = id) =>
      publicRequest(
        t,
        'GET',
        `/api/v1/applications/${app}/status?email=${encodeURIComponent(mail)}`,
      );
    const own = await status(email.toUpperCase());
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toEqual({ status: 'submitted', rejectReason: null });
    const other = await status('someone.else@example.org');
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('not_found');
    expect((await status(email, '999999999')).statusCode).toBe(404);
    expect((await publicRequest(t, 'GET', `/api/v1/applications/${id}/status`)).statusCode).toBe(
      422,
    );
  });

  it('an unknown application is 404 to confirm', async () => {
    const response = await publicRequest(t, 'POST', '/api/v1/applications/999999998/confirm', {
      body: { code: '123456' },
    });
    expect(response.statusCode).toBe(404);
  });

  it('a closed, a non-primary or a missing org is 422 on `orgId`, and nothing is made', async () => {
    const before = [await countRows('applications'), await countRows('mail_messages')];
    for (const orgId of [closedPrimaryId, tree.orgs.terrA.id, tree.orgs.regionA.id, '999999999']) {
      const response = await publicRequest(t, 'POST', '/api/v1/applications', {
        body: applicationForm(orgId),
      });
      expect(response.statusCode, orgId).toBe(422);
      expect(response.json().error.details).toEqual([
        { field: 'orgId', message: expect.any(String) },
      ]);
    }
    expect([await countRows('applications'), await countRows('mail_messages')]).toEqual(before);
  });

  it('one application of a person waits for a decision: a second is 409 at its confirmation, whatever the e-mail or ё', async () => {
    await submitApplication(t, tree.orgs.primaryA1.id, {
      lastName: 'Ёлкина',
      birthDate: '1985-02-03',
    });
    const second = await publicRequest(t, 'POST', '/api/v1/applications', {
      body: applicationForm(tree.orgs.primaryB1.id, {
        lastName: 'ЕЛКИНА',
        firstName: 'анна',
        birthDate: '1985-02-03',
        email: 'elkina.second@example.org',
      }),
    });
    // A form tells a stranger nothing: only the code, proving the address, meets the refusal.
    expect(second.statusCode, second.body).toBe(201);
    const code = await confirmationCode(t, 'elkina.second@example.org');
    const before = await countRows('mail_messages');
    const confirmed = await publicRequest(
      t,
      'POST',
      `/api/v1/applications/${second.json().id}/confirm`,
      { body: { code } },
    );
    expect(confirmed.statusCode).toBe(409);
    expect(confirmed.json().error.code).toBe('conflict');
    expect(await countRows('mail_messages')).toBe(before);
    // Another person of the same name, born another day, applies freely.
    const namesake = await publicRequest(t, 'POST', '/api/v1/applications', {
      body: applicationForm(tree.orgs.primaryA1.id, {
        lastName: 'Ёлкина',
        birthDate: '1986-02-03',
      }),
    });
    expect(namesake.statusCode).toBe(201);
  });

  it('an unconfirmed application blocks nobody else: a stranger typing a name holds only their own address', async () => {
    const form = { lastName: 'Занятова', birthDate: '1979-05-06' };
    const stranger = await publicRequest(t, 'POST', '/api/v1/applications', {
      body: applicationForm(tree.orgs.primaryA1.id, { ...form, email: 'not.her@example.org' }),
    });
    expect(stranger.statusCode).toBe(201);
    const again = await publicRequest(t, 'POST', '/api/v1/applications', {
      body: applicationForm(tree.orgs.primaryA1.id, { ...form, email: 'not.her@example.org' }),
    });
    expect(again.statusCode).toBe(409);
    // The person herself applies and confirms.
    const own = await submitApplication(t, tree.orgs.primaryA1.id, form);
    expect(own.id).toBeTruthy();
  });

  it('invalid fields are 422 naming each field, and leave nothing half-made', async () => {
    const before = [await countRows('applications'), await countRows('mail_messages')];
    const response = await publicRequest(t, 'POST', '/api/v1/applications', {
      body: applicationForm(tree.orgs.primaryA1.id, {
        lastName: '  ',
        sex: 'x',
        birthDate: '2023-02-30',
        category: 'boss',
        workplace: '',
        email: 'not-an-address',
        phone: '12',
        studyCourse: 9,
        pdConsent: false,
      }),
    });
    expect(response.statusCode).toBe(422);
    const fields = (response.json().error.details as { field: string }[]).map((d) => d.field);
    for (const field of [
      'lastName',
      'sex',
      'birthDate',
      'category',
      'workplace',
      'email',
      'phone',
      'studyCourse',
      'pdConsent',
    ]) {
      expect(fields, field).toContain(field);
    }
    const missing = await publicRequest(t, 'POST', '/api/v1/applications', {
      body: { orgId: tree.orgs.primaryA1.id },
    });
    expect(missing.statusCode).toBe(422);
    const missingFields = (missing.json().error.details as { field: string }[]).map((d) => d.field);
    expect(missingFields).toEqual(
      expect.arrayContaining(['lastName', 'firstName', 'birthDate', 'email', 'pdConsent']),
    );
    // A course is a student's only.
    const course = await publicRequest(t, 'POST', '/api/v1/applications', {
      body: applicationForm(tree.orgs.primaryA1.id, { category: 'working', studyCourse: 2 }),
    });
    expect(course.statusCode).toBe(422);
    expect(course.json().error.details).toEqual([
      { field: 'studyCourse', message: 'Курс указывается только для обучающихся' },
    ]);
    const unknown = await publicRequest(t, 'POST', '/api/v1/applications', {
      body: { ...applicationForm(tree.orgs.primaryA1.id), cardNumber: '1234' },
    });
    expect(unknown.statusCode).toBe(422);
    expect([await countRows('applications'), await countRows('mail_messages')]).toEqual(before);
    // A student with a course is fine.
    const student = await publicRequest(t, 'POST', '/api/v1/applications', {
      body: applicationForm(tree.orgs.primaryA1.id, {
        category: 'student',
        studyCourse: 2,
        workplace: 'Педагогический колледж',
        position: null,
        phone: '',
      }),
    });
    expect(student.statusCode, student.body).toBe(201);
  });

  it('the form is throttled per e-mail', async () => {
    const email = `often.${uniqueSurname().length}@example.org`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await publicRequest(t, 'POST', '/api/v1/applications', {
        body: applicationForm(tree.orgs.primaryA1.id, { email }),
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it('unconfirmed after 7 days, an application expires: its code no longer confirms it', async () => {
    const stale = await submitApplication(
      t,
      tree.orgs.primaryA1.id,
      { lastName: 'Забывчивая', birthDate: '1979-09-09' },
      { confirmed: false },
    );
    const waiting = await submitApplication(t, tree.orgs.primaryA1.id);
    const now = new Date();
    expect(await expireApplications(t.database.db, now)).toBe(0);
    const later = new Date(now.getTime() + 7 * 24 * 60 * 60 * 1000 + 60_000);
    expect(await expireApplications(t.database.db, later)).toBeGreaterThanOrEqual(1);
    // Idempotent.
    expect(await expireApplications(t.database.db, later)).toBe(0);
    const status = async (a: { id: string; email: string }) =>
      (
        await publicRequest(
          t,
          'GET',
          `/api/v1/applications/${a.id}/status?email=${encodeURIComponent(a.email)}`,
        )
      ).json().status;
    expect(await status(stale)).toBe('expired');
    expect(await status(waiting)).toBe('submitted');
    const late = await publicRequest(t, 'POST', `/api/v1/applications/${stale.id}/confirm`, {
      body: { code: stale.code },
    });
    expect(late.statusCode).toBe(409);
    const [row] = (await t.database.query('select code_hash from applications where id = $1', [
      stale.id,
    ])) as { code_hash: string | null }[];
    expect(row?.code_hash).toBeNull();
    const audit = (await t.database.query(
      `select actor_kind from audit_log where action = 'application.expire' and target_id = $1`,
      [stale.id],
    )) as { actor_kind: string }[];
    expect(audit).toEqual([{ actor_kind: 'system' }]);
    // The same person may apply again.
    const again = await publicRequest(t, 'POST', '/api/v1/applications', {
      body: applicationForm(tree.orgs.primaryA1.id, {
        lastName: 'Забывчивая',
        birthDate: '1979-09-09',
      }),
    });
    expect(again.statusCode, again.body).toBe(201);
  });
});
