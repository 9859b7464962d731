import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/index.ts';
import { ACCOUNTS, type Harness } from '../helpers/bot-harness.ts';
import type { SlackUser } from '../helpers/fake-slack/index.ts';
import { loggedIn, useHarness } from './support.ts';

// A full disk (or a read-only store): reads still work, every write fails. Every /postage command must
// answer a plain sentence in time, and nothing may be half-done.
const MAIN = ACCOUNTS.main;
const SORRY = 'Could not save — nothing was changed, try again.';

let h: Harness;
useHarness((started) => {
  h = started;
});

/** Makes every write of the running app's store fail, as SQLite does on a full disk. */
function fillTheDisk(): void {
  const full = async () => {
    throw new StoreError('STORE_WRITE_FAILED', 'store write failed (SQLITE_FULL)');
  };
  const { store } = h.running;
  Object.assign(store.credentials, { set: full, delete: full });
  Object.assign(store.sessions, { set: full, delete: full });
  Object.assign(store.alerts, { put: full, delete: full });
  Object.assign(store.purchases, { begin: full, update: full });
  Object.assign(store.accountGuards, { put: full });
}

async function reply(user: SlackUser, text: string): Promise<string> {
  const answer = await user.command('/postage', text);
  expect(answer.status).toBe(200);
  expect(answer.ackMs).toBeLessThan(3000);
  return JSON.stringify(answer.body);
}

describe('every /postage command on a full store', () => {
  it('answers a plain sentence within 3 s, and changes nothing', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0FULL', channelId: 'C0FULL' });
    await loggedIn(user, MAIN, { remember: true });
    await user.close();
    expect(await reply(user, 'alerts 50')).toContain('$50.00');
    const statusCalls = () => h.sim.calls.filter((call) => call.op === 'GetAccountStatus').length;
    const calls = statusCalls();

    fillTheDisk();
    const { store } = h.running;
    expect(await reply(user, 'alerts 60')).toContain(SORRY);
    expect((await store.alerts.get('T1', 'C0FULL'))?.thresholdMils).toBe(50_000);
    expect(await reply(user, 'alerts off')).toContain(SORRY);
    expect(await store.alerts.get('T1', 'C0FULL')).toBeDefined();
    expect(await reply(user, 'forget')).toContain(SORRY);
    expect((await store.credentials.get('T1', 'U0FULL'))?.accountId).toBe(MAIN.accountId);
    // The try cannot be recorded first, so no pass phrase is sent.
    expect(await reply(user, 'balance')).toContain(SORRY);
    expect(statusCalls()).toBe(calls);
    // Reading still works.
    expect(await reply(user, 'alerts')).toContain('$50.00');
    expect(await reply(user, 'history')).not.toContain(SORRY);

    for (const opening of ['buy', 'passphrase']) {
      const before = user.responses().length;
      await reply(user, opening);
      const told = await h.fake.waitFor(() => user.responses()[before]);
      expect(JSON.stringify(told)).toContain(SORRY);
    }
    expect(user.currentView()).toBeUndefined();
  });
});
