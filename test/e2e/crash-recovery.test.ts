import { describe, expect, it } from 'vitest';
import { createEndiciaClient } from '../../src/endicia/index.ts';
import type { PurchaseRecord } from '../../src/store/index.ts';
import { ACCOUNTS, type Harness } from '../helpers/bot-harness.ts';
import { eventually, loggedIn, shown, useHarness } from './support.ts';

// A process killed between claiming a purchase and hearing Endicia's answer leaves a `pending` journal
// entry. In-process we cannot kill the app mid-call, so the crash is reproduced by its footprint: the
// claim in the journal (and, for the first case, the purchase having reached Endicia), then a restart.
const MAIN = ACCOUNTS.main;

let h: Harness;
useHarness((started) => {
  h = started;
});

const balance = () => h.sim.account(MAIN.accountId)?.balanceMils ?? Number.NaN;

function claim(requestId: string, channelId: string): PurchaseRecord {
  const now = new Date().toISOString();
  return {
    requestId,
    teamId: 'T1',
    userId: 'UCRASH',
    accountId: MAIN.accountId,
    amountMils: 25_000,
    balanceBeforeMils: balance(),
    balanceAfterMils: null,
    transactionId: null,
    message: null,
    state: 'pending',
    channelId,
    createdAt: now,
    updatedAt: now,
  };
}

describe('purchases interrupted by a crash', () => {
  it('are re-checked at start-up from the balance, never bought again, and the buyer is told', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'UCRASH', channelId: 'CCRASH' });
    await loggedIn(user, MAIN, { remember: true });
    await user.close();

    // Crash 1: the purchase reached Endicia, its answer never came back.
    await h.running.store.purchases.begin(claim('crash-applied', 'CCRASH'));
    const outside = createEndiciaClient({
      baseUrl: h.running.endiciaUrl,
      requesterId: 'lxxx',
      timeoutMs: 5_000,
    });
    await outside.buyPostage({ accountId: MAIN.accountId, passPhrase: MAIN.passPhrase }, 25_000, {
      requestId: 'crash-applied',
    });
    const recreditsAfterCrash = h.sim.account(MAIN.accountId)?.recredits;

    await h.restart();
    const receipt = await h.fake.waitFor(() =>
      h.fake.messagesIn('CCRASH').find((m) => (m.text ?? '').includes('$25.00')),
    );
    expect(receipt.text).toContain('bought');
    await eventually(
      async () => (await h.running.store.purchases.get('crash-applied'))?.state === 'confirmed',
      'journal confirmed',
    );
    expect(h.sim.account(MAIN.accountId)?.recredits).toBe(recreditsAfterCrash);

    // Crash 2: the claim was written but nothing reached Endicia: honestly "could not be confirmed".
    await h.running.store.purchases.begin(claim('crash-lost', 'CCRASH2'));
    await h.restart();
    const warning = await h.fake.waitFor(() => h.fake.messagesIn('CCRASH2')[0]);
    expect(warning.text).toMatch(/could not be confirmed/i);
    await eventually(
      async () => (await h.running.store.purchases.get('crash-lost'))?.state === 'unconfirmed',
      'journal unconfirmed',
    );
    expect(h.sim.account(MAIN.accountId)?.recredits).toBe(recreditsAfterCrash);

    // Crash 3: the claim, then (before the re-check ran) another purchase on the account with the same
    // amount. "before + amount" is now ambiguous: never confirmed from it.
    await h.running.store.purchases.begin(claim('crash-ambiguous', 'CCRASH3'));
    await h.running.store.purchases.begin({
      ...claim('later-purchase', 'CCRASH3'),
      state: 'confirmed',
      createdAt: new Date(Date.now() + 1_000).toISOString(),
    });
    await outside.buyPostage({ accountId: MAIN.accountId, passPhrase: MAIN.passPhrase }, 25_000, {
      requestId: 'later-purchase',
    });
    await h.restart();
    await h.fake.waitFor(() =>
      h.fake.messagesIn('CCRASH3').find((m) => /could not be confirmed/i.test(m.text ?? '')),
    );
    expect((await h.running.store.purchases.get('crash-ambiguous'))?.state).toBe('unconfirmed');

    // Nothing is pending any more, so a third start re-checks nothing.
    await h.restart();
    expect(await h.running.store.purchases.listPending()).toEqual([]);
  });

  it('also updates the modal left on "Buying…", and a modal that is gone does not stop the others', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'UCRASH', channelId: 'CMODAL' });
    await loggedIn(user, MAIN, { remember: true });
    const modal = user.currentView();
    if (!modal) throw new Error('no modal open');

    await h.running.store.purchases.begin({ ...claim('crash-gone-view', 'CGONE'), viewId: 'V0GONE' });
    await h.running.store.purchases.begin({
      ...claim('crash-modal', 'CMODAL'),
      viewId: modal.id,
      createdAt: new Date(Date.now() - 1_000).toISOString(),
    });
    await h.restart();

    const updated = await user.waitForView(
      (v) => v.id === modal.id && /could not be confirmed/i.test(shown(v)),
    );
    expect(shown(updated)).not.toContain('Buying');
    await h.fake.waitFor(() => h.fake.messagesIn('CMODAL')[0]);
    await h.fake.waitFor(() => h.fake.messagesIn('CGONE')[0]);
  });
});
