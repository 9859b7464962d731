import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LEGACY_FIXTURE_KEY } from '../fixtures/legacy/key.ts';
import type { Harness } from '../helpers/bot-harness.ts';
import { eventually, useHarness } from './support.ts';

// The app started on a copy of a data/postage.sqlite written by the release before the SQL tables. Its
// journal holds a claim a crash cut off (req-pending: T1/U1, $20.00 on 2500001, balance before $160.50,
// channel C1) and U1's remembered login: the balance now shows the purchase went through, so start-up
// recovery must confirm it from the balance and tell the channel, without buying again.
const FIXTURE = join(import.meta.dirname, '../fixtures/legacy/postage-v1.sqlite');
const dir = await mkdtemp(join(tmpdir(), 'postage-upgrade-e2e-'));
const file = join(dir, 'postage.sqlite');
await copyFile(FIXTURE, file);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let h: Harness;
useHarness(
  (started) => {
    h = started;
  },
  {
    env: { POSTAGE_STORE_URL: `sqlite://${file}`, POSTAGE_ENCRYPTION_KEY: LEGACY_FIXTURE_KEY },
    accounts: [
      { accountId: '2500001', passPhrase: 'demo <one> & "two"', balance: '180.5', maxBalance: '5000' },
      { accountId: '2500002', passPhrase: "demo low 'balance'", balance: '8.75' },
    ],
  },
);

describe('first start on a file from the release before the SQL tables', () => {
  it('recovers the claim a crash cut off, from the balance, once, and keeps the history', async () => {
    const receipt = await h.fake.waitFor(() =>
      h.fake.messagesIn('C1').find((m) => (m.text ?? '').includes('$20.00')),
    );
    expect(receipt.text).toContain('bought');
    await eventually(
      async () => (await h.running.store.purchases.get('req-pending'))?.state === 'confirmed',
      'the recovered claim confirmed in the journal',
    );
    expect(h.sim.calls.filter((call) => call.op === 'BuyPostage')).toEqual([]);
    expect(await h.running.store.purchases.listPending()).toEqual([]);

    // The history and the alerts came over; a restart re-checks nothing again.
    await h.restart();
    expect(await h.running.store.purchases.listPending()).toEqual([]);
    expect((await h.running.store.purchases.listByUser('T1', 'U1')).map((p) => p.requestId)).toEqual([
      'req-pending',
      'req-unconfirmed-open',
      'req-confirmed',
    ]);
    expect(await h.running.store.alerts.get('T1', 'C2')).toMatchObject({ state: 'alerted' });
    expect(h.fake.messagesIn('C1').filter((m) => (m.text ?? '').includes('$20.00'))).toHaveLength(1);
  });
});
