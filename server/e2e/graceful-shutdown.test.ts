import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { apiSession } from './e2e-api.js';
import { E2E_ADMIN_PASSWORD, type RunningServer, startServer } from './e2e-server.js';
import { waitFor } from './wait.js';

// SIGTERM while an export streams to a slow reader: the server stops accepting connections,
// the export still reaches its last row, and only then does the process end (exit code 0).
// A request that still arrives on a kept-alive connection meanwhile gets the contract's 503.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The generator of `npm run seed`, into a PGlite folder. */
async function seed(dataDir: string, members: number) {
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      'server/src/tools/seed.ts',
      '--members',
      String(members),
    ],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      },
      stdio: 'ignore',
    },
  );
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`seed exited with ${code}`);
}

const refused = (url: string) =>
  fetch(url).then(
    () => false,
    () => true,
  );

describe('graceful shutdown', () => {
  let server: RunningServer | undefined;
  let dataDir: string | undefined;
  let closing: RunningServer | undefined;
  afterAll(async () => {
    await server?.kill();
    await closing?.kill();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('SIGTERM during a slow export: no new connections, the export finishes, then exit 0', {
    timeout: 240_000,
  }, async () => {
    // 40,000 generated members: an export of megabytes, more than the sockets' buffers hold.
    dataDir = await mkdtemp(path.join(tmpdir(), 'prf-shutdown-'));
    await seed(dataDir, 40_000);
    server = await startServer({ DATA_DIR: dataDir });
    const admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    const { members } = await admin.get<{ members: { active: number; deregistered: number } }>(
      `/orgs/${admin.user.orgId}/stats`,
    );
    // The export's default: every member of the subtree, on record or not.
    const onRecord = members.active + members.deregistered;

    // The reader takes the first chunk and stops reading: the rest waits on the server.
    const chunks: Buffer[] = [];
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = http.get(
        `${server?.baseUrl}/api/v1/members/export?format=csv`,
        { headers: { cookie: admin.cookie } },
        resolve,
      );
      request.on('error', reject);
    });
    expect(response.statusCode).toBe(200);
    const ended = new Promise<void>((resolve, reject) => {
      response.on('end', resolve);
      response.on('error', reject);
      response.on('aborted', () => reject(new Error('export cut off')));
    });
    let holding = true;
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (holding) response.pause();
    });
    await waitFor(async () => chunks.length > 0, 'first chunk', 10_000);

    server.terminate();
    await waitFor(() => refused(`${server?.baseUrl}/api/health`), 'listener closed', 10_000);
    // Still running a second later: it waits for the export, which cannot have ended.
    await new Promise((r) => setTimeout(r, 1000));
    const early = await Promise.race([
      server.exited,
      new Promise((r) => setTimeout(r, 0, 'running')),
    ]);
    expect(early).toBe('running');

    holding = false;
    response.resume();
    await ended;
    const lines = Buffer.concat(chunks)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines.length).toBe(1 + onRecord);
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/shutting down/);
  });

  it('a request arriving on a kept-alive connection while closing: 503 unavailable with Retry-After', async () => {
    const target = await startServer();
    closing = target;
    const socket = net.connect(Number(new URL(target.baseUrl).port), '127.0.0.1');
    await once(socket, 'connect');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    // The first request's body is half sent: it is in flight when SIGTERM comes.
    const body = JSON.stringify({ login: 'nobody', password: 'not-the-password' });
    socket.write(
      `POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((r) => setTimeout(r, 300));
    target.terminate();
    await waitFor(() => refused(`${target.baseUrl}/api/health`), 'listener closed', 10_000);
    // The rest of the body, then a second request on the same connection.
    socket.write(`${body.slice(10)}GET /api/v1/orgs HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    await once(socket, 'close');
    const [first, second] = received.split(/(?=HTTP\/1\.1 \d{3})/);
    expect(first).toMatch(/^HTTP\/1\.1 4\d\d/);
    expect(second).toMatch(/^HTTP\/1\.1 503/);
    expect(second).toMatch(/\r\nretry-after: 5\r\n/i);
    expect(second).toMatch(/\r\nconnection: close\r\n/i);
    expect(second).toContain('"code":"unavailable"');
    expect(second).toContain('Сервер перезапускается');
    expect(await target.exited).toBe(0);
  });
});
