import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const E2E_ADMIN_PASSWORD = 'e2e-admin-password';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Outside CI a machine without Chromium skips the browser tests; CI installs it and must run them. */
export const e2eEnabled = fs.existsSync(chromiumPath) || process.env.CI === 'true';

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface RunningServer {
  baseUrl: string;
  /** Everything the server printed, for assertions on what it logs. */
  output(): string;
  stop(): Promise<void>;
  /** SIGKILL: a crash, nothing is flushed or closed. */
  kill(): Promise<void>;
  /** SIGTERM, without waiting: a deploy or the balancer draining the server. */
  terminate(): void;
  /** The exit code once the process has ended (null: ended by a signal). */
  exited: Promise<number | null>;
}

/** The built product exactly as `npm start` runs it, on a throw-away in-memory database. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['server/dist/main.js'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: 'memory://',
      ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      DATABASE_URL: '',
      // Admins sign in with a password alone here; the MFA test turns the rule on.
      MFA_REQUIRED_ROLES: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
      assertNoPersonalData(output);
    },
    terminate: () => {
      child.kill('SIGTERM');
    },
    exited,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}

// Debian's Chromium, never a downloaded browser; the flags keep it off the closed network.
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A phone-sized page: the chairmen's device. */
export const phoneViewport = { width: 390, height: 844 };

// What the tests type in is invented but shaped like the real thing: e-mails, Russian mobile
// numbers and the tests' passwords (all `e2e-…-password`). None may reach the server's log.
const personalDataPatterns: [string, RegExp][] = [
  ['an e-mail', /[\w.+-]+@[\w-]+\.[a-z]{2,}/i],
  // Not inside a longer number (a timestamp, a duration's decimals).
  ['a phone number', /(?<![\d.])(\+7|8)[\s(-]*9\d{2}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)/],
  ['a test password', /e2e-[a-z-]*password/],
];

export function assertNoPersonalData(output: string) {
  for (const [what, pattern] of personalDataPatterns) {
    const line = output.split('\n').find((l) => pattern.test(l));
    if (line) throw new Error(`the server log holds ${what}: ${line.slice(0, 300)}`);
  }
}
