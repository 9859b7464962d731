import { afterEach, describe, expect, it } from 'vitest';
import type { ComposeOverrides } from '../../src/compose.ts';
import { ACCOUNTS, type Harness, startHarness } from '../helpers/bot-harness.ts';
import type { SlackUser } from '../helpers/fake-slack/index.ts';
import { buyCalls, eventually, expectNoLeaks, loggedIn, page, reviewed } from './support.ts';

const MAIN = ACCOUNTS.main;
let h: Harness | undefined;

afterEach(async () => {
  if (h) expect(h.fake.violations).toEqual([]);
  await h?.close();
  h = undefined;
});

/** A $11 purchase Endicia applied but whose answer was lost, and whose immediate re-read failed. */
async function unconfirmedPurchase(harness: Harness, user: SlackUser, channelId: string) {
  await loggedIn(user, MAIN, { remember: true });
  await reviewed(user, '11');
  harness.sim.inject({ kind: 'lost-answer', op: 'BuyPostage' });
  harness.sim.inject({ kind: 'http-500', op: 'GetAccountStatus' });
  await user.submit();
  await user.waitForView(page('uncertain'));
  return harness.fake.waitFor((f) => f.messagesIn(channelId).find((m) => m.threadTs === undefined));
}

const threadReplies = (harness: Harness, channelId: string, ts: string) =>
  harness.fake.messagesIn(channelId).filter((m) => m.threadTs === ts);

async function history(user: SlackUser): Promise<string> {
  const answer = await user.command('/postage', 'history');
  expect(answer.status).toBe(200);
  return JSON.stringify(answer.body);
}

describe('a lost answer is re-checked later on its own', () => {
  it('confirmed by a later check: a reply in the receipt thread, history corrected, one BuyPostage', async () => {
    h = await startHarness({ overrides: { recheckAfterMs: [200, 400, 600] } });
    const harness = h;
    const user = h.driver.user({ teamId: 'T1', userId: 'U0LATER', channelId: 'C0LATER' });
    const buys = buyCalls(h, MAIN.accountId);
    const receipt = await unconfirmedPurchase(h, user, 'C0LATER');
    expect(receipt.text).toContain('could not be confirmed');

    const reply = await h.fake.waitFor(() => threadReplies(harness, 'C0LATER', receipt.ts)[0]);
    expect(reply.text).toContain('the balance now shows this *$11.00* purchase');
    expect(await history(user)).toContain('bought');
    expect(await history(user)).not.toContain('could not be confirmed');
    expect(buyCalls(h, MAIN.accountId)).toBe(buys + 1);
    expect(await h.running.store.purchases.listUnconfirmed()).toEqual([]);
    // Decided once: no further reply, no further read.
    await h.restart();
    expect(threadReplies(h, 'C0LATER', receipt.ts)).toHaveLength(1);
    await expectNoLeaks(h);
  });

  it('across a restart: the re-check is armed again at start-up and replies in the same thread', async () => {
    const overrides: ComposeOverrides = { recheckAfterMs: [3_600_000] };
    h = await startHarness({ overrides });
    const user = h.driver.user({ teamId: 'T1', userId: 'U0RESTART', channelId: 'C0RESTART' });
    const buys = buyCalls(h, MAIN.accountId);
    const receipt = await unconfirmedPurchase(h, user, 'C0RESTART');
    expect(threadReplies(h, 'C0RESTART', receipt.ts)).toEqual([]);
    // The next app instance finds the check overdue (boot reads the same overrides object).
    overrides.recheckAfterMs = [0];
    await h.restart();
    const harness = h;
    const reply = await h.fake.waitFor(() => threadReplies(harness, 'C0RESTART', receipt.ts)[0]);
    expect(reply.text).toContain('the balance now shows this *$11.00* purchase');
    await eventually(
      async () => (await harness.running.store.purchases.listUnconfirmed()).length === 0,
      'the journal corrected',
    );
    expect(buyCalls(h, MAIN.accountId)).toBe(buys + 1);
    await expectNoLeaks(h);
  });
});
