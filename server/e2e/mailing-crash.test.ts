import type { Import } from '@profreestr/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../test/smtp-sink.js';
import { apiSession } from './e2e-api.js';
import { E2E_ADMIN_PASSWORD, type RunningServer, startServer } from './e2e-server.js';
import { membersCsv, setUpRegion } from './members-file.js';
import { clusterTestsRun, type PgCluster, startCluster } from './pg-cluster.js';
import { waitFor } from './wait.js';

// Two servers on one PostgreSQL send a mailing; one is killed (SIGKILL) in the middle. The
// other finishes it: every recipient gets the letter, at most twice and then with the same
// Message-ID (a letter handed to SMTP just before the kill, its mark lost), and the mailing
// ends sent with exact counts.

const runs = clusterTestsRun('mailing-crash');

const MEMBERS = 300;

describe.runIf(runs)('a server killed mid-mailing', () => {
  let cluster: PgCluster;
  let sink: SmtpSink;
  const servers: RunningServer[] = [];
  beforeAll(async () => {
    cluster = await startCluster('prf');
    sink = await startSmtpSink();
  }, 120_000);
  afterAll(async () => {
    for (const server of servers) await server.kill();
    await sink?.close();
    await cluster?.destroy();
  });

  it('the other server completes it: each letter once, or twice with one Message-ID', {
    timeout: 240_000,
  }, async () => {
    const env = {
      DATABASE_URL: cluster.url('prf'),
      DATA_DIR: '',
      SMTP_URL: sink.url,
      MAIL_FROM: 'Профреестр <noreply@union.example>',
      // Slow enough to be caught in the middle; a killed server's leases end in 10 s.
      MAIL_RATE_PER_SECOND: '15',
      MAIL_LEASE_SECONDS: '10',
      IMPORT_BATCH_ROWS: '500',
    };
    const first = await startServer(env);
    servers.push(first);
    const { admin, regionId } = await setUpRegion(first);
    const { id: importId } = await admin.upload<{ id: string }>(
      '/imports',
      { kind: 'members', orgId: regionId },
      { name: 'm.csv', content: membersCsv(MEMBERS) },
    );
    await waitFor(
      async () => (await admin.get<Import>(`/imports/${importId}`)).status === 'done',
      'import',
    );
    // Addresses and consent to letters, invented for the test.
    const db = new pg.Client({ connectionString: cluster.url('prf') });
    await db.connect();
    try {
      await db.query(
        `update members set email = 'member' || id || '@example.org', notify_email = true`,
      );
    } finally {
      await db.end();
    }
    const second = await startServer(env);
    servers.push(second);

    const mailing = await admin.post<{ id: string }>('/mailings', {
      subject: 'Собрание профактива',
      body: 'Уважаемые коллеги, приглашаем на собрание.',
      audience: { kind: 'members', under: regionId },
    });
    await admin.post(`/mailings/${mailing.id}/send`, {});
    await waitFor(async () => sink.received.length >= 40, 'letters under way');
    await first.kill();
    const atKill = sink.received.length;

    const other = await apiSession(second.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    type Counts = { status: string; counts: { total: number; sent: number; queued: number } };
    await waitFor(
      async () => (await other.get<Counts>(`/mailings/${mailing.id}`)).status === 'sent',
      'the mailing finished by the other server',
      180_000,
    );
    const done = await other.get<Counts>(`/mailings/${mailing.id}`);
    console.info(
      `mailing crash: ${atKill} letters received when the server was killed, ${sink.received.length} in all, ${done.counts.total} recipients`,
    );
    expect(atKill).toBeLessThan(done.counts.total);
    expect(done.counts).toMatchObject({ sent: done.counts.total, queued: 0 });

    const byAddress = new Map<string, Set<string>>();
    const copies = new Map<string, number>();
    for (const letter of sink.received) {
      const to = (Array.isArray(letter.to) ? letter.to[0] : letter.to)?.value[0]?.address ?? '';
      byAddress.set(to, (byAddress.get(to) ?? new Set()).add(letter.messageId ?? ''));
      copies.set(to, (copies.get(to) ?? 0) + 1);
    }
    expect(byAddress.size).toBe(done.counts.total);
    for (const [to, ids] of byAddress) {
      expect(ids.size, to).toBe(1);
      expect(copies.get(to), to).toBeLessThanOrEqual(2);
    }
  });
});
