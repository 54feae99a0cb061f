import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Import } from '@profreestr/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { apiSession } from './e2e-api.js';
import { E2E_ADMIN_PASSWORD, type RunningServer, startServer } from './e2e-server.js';
import { membersCsv, setUpRegion } from './members-file.js';
import { waitFor } from './wait.js';

// The import process is killed (SIGKILL) in the middle of a file, started again on the same
// data, and must end in exactly the state of a run never interrupted.

const ROWS = 2000;
const membersFile = () => membersCsv(ROWS);

const settings = { IMPORT_BATCH_ROWS: '10', IMPORT_STALE_SECONDS: '2' };

/** The final state: the import's report and the members as an export shows them, card numbers aside. */
async function finalState(server: RunningServer, importId: string, regionId: string) {
  const admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
  const report = await admin.get<Import>(`/imports/${importId}`);
  const exported = await admin.text(`/members/export?under=${regionId}&format=csv`);
  const lines = exported
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  const header = (lines[0] ?? '').split(';');
  const card = header.indexOf('Номер билета');
  const cards = lines.slice(1).map((l) => l.split(';')[card] ?? '');
  const rows = lines
    .slice(1)
    .map((l) =>
      l
        .split(';')
        .filter((_, i) => i !== card)
        .join(';'),
    )
    .sort();
  const { id: _id, createdAt: _c, finishedAt: _f, user: _u, ...counts } = report;
  return { counts, rows, cards };
}

describe('an import survives a crash', () => {
  const dirs: string[] = [];
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  const start = async (dataDir: string) => {
    const server = await startServer({ DATA_DIR: dataDir, ...settings });
    servers.push(server);
    return server;
  };

  // Two servers and 2 × 2,000 rows in batches of 10: minutes on a loaded two-core machine.
  it('killed mid-way and restarted, it ends in the state of a clean run', {
    timeout: 300_000,
  }, async () => {
    const file = membersFile();
    const crashDir = await mkdtemp(path.join(tmpdir(), 'prf-crash-'));
    const cleanDir = await mkdtemp(path.join(tmpdir(), 'prf-clean-'));
    dirs.push(crashDir, cleanDir);

    const first = await start(crashDir);
    const { admin, regionId } = await setUpRegion(first);
    const { id } = await admin.upload<{ id: string }>(
      '/imports',
      { kind: 'members', orgId: regionId },
      { name: 'm.csv', content: file },
    );
    // Killed once a few batches have committed, well before the end of the file.
    await waitFor(
      async () => (await admin.get<Import>(`/imports/${id}`)).processed >= 100,
      'import under way',
    );
    await first.kill();

    const second = await start(crashDir);
    const again = await apiSession(second.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    // What the crash left: committed batches only, the rest of the file still to do. Read
    // before the new server takes the import over (it waits IMPORT_STALE_SECONDS for that).
    const leftover = await again.get<Import>(`/imports/${id}`);
    expect(leftover.status).toBe('running');
    expect(leftover.processed).toBeGreaterThanOrEqual(100);
    expect(leftover.processed).toBeLessThan(ROWS);
    expect(leftover.processed % Number(settings.IMPORT_BATCH_ROWS)).toBe(0);
    await waitFor(
      async () => (await again.get<Import>(`/imports/${id}`)).status === 'done',
      'resumed import',
    );
    const resumed = await finalState(second, id, regionId);

    const clean = await start(cleanDir);
    const cleanSetup = await setUpRegion(clean);
    const cleanImport = await cleanSetup.admin.upload<{ id: string }>(
      '/imports',
      { kind: 'members', orgId: cleanSetup.regionId },
      { name: 'm.csv', content: file },
    );
    await waitFor(
      async () =>
        (await cleanSetup.admin.get<Import>(`/imports/${cleanImport.id}`)).status === 'done',
      'clean import',
    );
    const reference = await finalState(clean, cleanImport.id, cleanSetup.regionId);

    expect(resumed.counts).toEqual(reference.counts);
    expect(resumed.counts).toMatchObject({ status: 'done', total: ROWS, processed: ROWS });
    expect(resumed.counts.rejected).toBeGreaterThanOrEqual(21);
    // Every row landed exactly once: the same members as the clean run, none twice.
    expect(resumed.rows).toEqual(reference.rows);
    expect(resumed.rows.length).toBe(ROWS - (resumed.counts.rejected as number));
    expect(new Set(resumed.rows).size).toBe(resumed.rows.length);
    // Assigned numbers come from a sequence and may differ; each is valid and unique.
    expect(new Set(resumed.cards).size).toBe(resumed.cards.length);
    for (const card of resumed.cards) expect(card).toMatch(/^\d{16}$/);
  });
});
