import type { Installation } from '@slack/oauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InstallationMissingError,
  slackInstallationStore,
} from '../../../src/bot/oauth/installation-store.ts';
import { createOnceStateStore } from '../../../src/bot/oauth/state-store.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { openStore, type Store } from '../../../src/store/index.ts';

const AT = new Date('2026-12-07T10:00:00.000Z');

function slackInstall(overrides: Partial<Installation<'v2', boolean>> = {}): Installation<'v2', boolean> {
  return {
    team: { id: 'T1', name: 'One' },
    enterprise: undefined,
    user: { token: undefined, scopes: undefined, id: 'UADMIN' },
    bot: { token: 'xoxb-fake-1', scopes: ['commands', 'chat:write'], id: 'B1', userId: 'UBOT1' },
    isEnterpriseInstall: false,
    appId: 'A1',
    authVersion: 'v2',
    tokenType: 'bot',
    ...overrides,
  } as Installation<'v2', boolean>;
}

let store: Store;
beforeEach(async () => {
  store = await openStore({ url: 'memory://', logger: silentLogger });
});
afterEach(async () => {
  await store.close();
});

describe('slackInstallationStore (@slack/oauth over the encrypted store)', () => {
  it('stores a workspace install and answers Bolt’s authorize query with its bot', async () => {
    const slack = slackInstallationStore(store.installations, () => AT);
    await slack.storeInstallation(slackInstall());
    expect(await store.installations.get({ kind: 'team', id: 'T1' })).toMatchObject({
      teamId: 'T1',
      botToken: 'xoxb-fake-1',
      botUserId: 'UBOT1',
      installerUserId: 'UADMIN',
      installedAt: AT.toISOString(),
    });
    const fetched = await slack.fetchInstallation({
      teamId: 'T1',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(fetched.bot).toMatchObject({ token: 'xoxb-fake-1', userId: 'UBOT1', id: 'B1' });
    await expect(
      slack.fetchInstallation({ teamId: 'T2', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).rejects.toBeInstanceOf(InstallationMissingError);
  });

  it('keeps an org-wide install under its org: any workspace of the org is authorized with it', async () => {
    const slack = slackInstallationStore(store.installations, () => AT);
    await slack.storeInstallation(
      slackInstall({ team: undefined, enterprise: { id: 'E1', name: 'Org' }, isEnterpriseInstall: true }),
    );
    const fetched = await slack.fetchInstallation({
      enterpriseId: 'E1',
      teamId: 'T9',
      isEnterpriseInstall: true,
    });
    expect(fetched).toMatchObject({ isEnterpriseInstall: true, enterprise: { id: 'E1' } });
    expect(fetched.bot?.token).toBe('xoxb-fake-1');
    await slack.deleteInstallation?.({ enterpriseId: 'E1', teamId: undefined, isEnterpriseInstall: true });
    expect(await store.installations.get({ kind: 'enterprise', id: 'E1' })).toBeUndefined();
  });

  it('refuses an install without a bot token', async () => {
    const slack = slackInstallationStore(store.installations, () => AT);
    const { bot: _bot, ...userOnly } = slackInstall();
    await expect(slack.storeInstallation(userOnly as Installation)).rejects.toBeInstanceOf(
      InstallationMissingError,
    );
  });
});

describe('createOnceStateStore (signed, 10 minutes, once)', () => {
  const options = { scopes: ['commands'] };

  it('verifies its own state once, then refuses it', async () => {
    let now = AT;
    const states = createOnceStateStore({
      secret: 'state-secret-0123456789',
      once: store.once,
      now: () => now,
    });
    const state = await states.generateStateParam(options, new Date(0));
    now = new Date(AT.getTime() + 9 * 60_000);
    expect(await states.verifyStateParam(new Date(0), state)).toEqual(options);
    await expect(states.verifyStateParam(new Date(0), state)).rejects.toThrow('already used');
  });

  it('refuses an expired, a tampered and another secret’s state', async () => {
    let now = AT;
    const states = createOnceStateStore({
      secret: 'state-secret-0123456789',
      once: store.once,
      now: () => now,
    });
    const other = createOnceStateStore({
      secret: 'another-secret-0123456',
      once: store.once,
      now: () => now,
    });
    const expired = await states.generateStateParam(options, AT);
    const tampered = (await states.generateStateParam(options, AT)).replace(/^./, (c) =>
      c === 'e' ? 'f' : 'e',
    );
    const foreign = await other.generateStateParam(options, AT);
    now = new Date(AT.getTime() + 10 * 60_000 + 1);
    await expect(states.verifyStateParam(now, expired)).rejects.toThrow('expired');
    await expect(states.verifyStateParam(now, tampered)).rejects.toThrow('not signed');
    await expect(states.verifyStateParam(now, foreign)).rejects.toThrow('not signed');
    await expect(states.verifyStateParam(now, 'garbage')).rejects.toThrow('not signed');
  });
});
