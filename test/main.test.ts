import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './helpers/fake-slack/index.ts';

// `npm start` as a real process: start-up validation, /healthz, and a graceful SIGTERM.
const ROOT = join(import.meta.dirname, '..');

function start(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    // A clean environment: nothing from the developer's shell or a .env file decides the outcome.
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function healthy(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

let fake: FakeSlack;
let dir: string;
beforeAll(async () => {
  fake = await startFakeSlack();
  dir = await mkdtemp(join(tmpdir(), 'postage-main-'));
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('refuses to start with one message naming every bad variable, never a value', async () => {
    const run = start({ SLACK_BOT_TOKEN: 'xoxp-not-a-bot-token-value', PORT: 'eighty' });
    expect(await run.exited).toBe(1);
    const output = run.output();
    for (const key of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'PORT']) expect(output).toContain(key);
    expect(output).not.toContain('xoxp-not-a-bot-token-value');
    expect(output).not.toContain('eighty');
  });

  it('refuses half-set OAuth variables with one message naming what is missing', async () => {
    const run = start({
      SLACK_SIGNING_SECRET: 'main-test-signing-secret',
      SLACK_CLIENT_ID: '1000.2000',
      SLACK_CLIENT_SECRET: 'client-secret-never-shown',
    });
    expect(await run.exited).toBe(1);
    const problems = run
      .output()
      .split('\n')
      .filter((line) => line.startsWith('  '));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('SLACK_STATE_SECRET');
    expect(problems[0]).not.toContain('SLACK_CLIENT_SECRET:');
    expect(run.output()).not.toContain('client-secret-never-shown');
  });

  it('serves /healthz once ready (simulator in-process) and exits 0 soon after SIGTERM', async () => {
    const port = await freePort();
    const run = start({
      SLACK_BOT_TOKEN: 'xoxb-main-test',
      SLACK_SIGNING_SECRET: 'main-test-signing-secret',
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      POSTAGE_STORE_URL: `sqlite://${join(dir, 'main.sqlite')}`,
    });
    try {
      expect(await healthy(port, 30_000)).toBe(true);
      expect(run.output()).toContain('SIMULATOR');
      const stopping = Date.now();
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(Date.now() - stopping).toBeLessThan(10_000);
    } finally {
      run.child.kill('SIGKILL');
    }
  });
});
