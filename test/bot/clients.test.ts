import { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { workspaceClients } from '../../src/bot/clients.ts';
import { createLogger } from '../../src/lib/logger.ts';
import type { InstallationKey, WorkspaceInstallation } from '../../src/store/index.ts';

function setup() {
  const installs = new Map<string, Pick<WorkspaceInstallation, 'botToken'>>();
  const reads: string[] = [];
  const made: string[] = [];
  const logs: string[] = [];
  const clients = workspaceClients({
    installations: {
      get: async (key: InstallationKey) => {
        reads.push(key.id);
        return installs.get(key.id) as WorkspaceInstallation | undefined;
      },
      orgOf: async () => undefined,
    },
    makeClient: (token) => {
      made.push(token);
      return new WebClient(token);
    },
    logger: createLogger({ level: 'debug', write: (line) => logs.push(line) }),
    cacheMs: 60_000,
  });
  return { installs, reads, made, logs, clients };
}

describe('workspaceClients (OAuth mode’s per-workspace Slack clients)', () => {
  it('gives each workspace a client with its own token, kept briefly', async () => {
    const { installs, reads, made, clients } = setup();
    installs.set('T1', { botToken: 'xoxb-one' });
    installs.set('T2', { botToken: 'xoxb-two' });
    const one = await clients.clientFor('T1');
    expect(one?.token).toBe('xoxb-one');
    expect((await clients.clientFor('T2'))?.token).toBe('xoxb-two');
    expect(await clients.clientFor('T1')).toBe(one);
    expect(reads).toEqual(['T1', 'T2']);
    expect(made).toEqual(['xoxb-one', 'xoxb-two']);
  });

  it('drops work for a workspace with no installation, with one log line that names no token', async () => {
    const { installs, logs, clients } = setup();
    installs.set('T1', { botToken: 'xoxb-one' });
    await clients.clientFor('T1');
    installs.delete('T1');
    clients.forget('T1');
    expect(await clients.clientFor('T1')).toBeNull();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('no installation for this workspace');
    expect(logs[0]).toContain('T1');
    expect(logs.join('\n')).not.toContain('xoxb-');
  });

  it('after forget, reads the installation again and uses a reinstall’s new token', async () => {
    const { installs, clients } = setup();
    installs.set('T1', { botToken: 'xoxb-old' });
    await clients.clientFor('T1');
    installs.set('T1', { botToken: 'xoxb-new' });
    expect((await clients.clientFor('T1'))?.token).toBe('xoxb-old');
    clients.forget('T1');
    expect((await clients.clientFor('T1'))?.token).toBe('xoxb-new');
  });
});
