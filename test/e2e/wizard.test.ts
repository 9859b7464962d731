import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, type Harness, startHarness } from '../helpers/bot-harness.ts';
import {
  buyCalls,
  expectNoLeaks,
  loggedIn,
  openWizard,
  page,
  replaySubmission,
  reviewed,
  shown,
} from './support.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  expect(h.fake.violations).toEqual([]);
});

describe('the wizard end to end over signed HTTP', () => {
  it('logs in, reviews, buys, finishes, and posts a receipt in the channel', async () => {
    const alice = h.driver.user({ teamId: 'T1', userId: 'U0ALICE', channelId: 'C1' });
    const opened = await alice.command('/postage', 'buy 25');
    expect(opened.status).toBe(200);
    expect(opened.ackMs).toBeLessThan(3000);
    const account = await alice.waitForView(page('account'));
    expect(shown(account)).toContain('SIMULATOR');

    alice.fill('account_id', 'account_id', ACCOUNTS.main.accountId);
    alice.fill('pass_phrase', 'pass_phrase', ACCOUNTS.main.passPhrase);
    const login = await alice.submit();
    expect(login.status).toBe(200);
    const details = await alice.waitForView(page('details'));
    expect(shown(details)).toContain('$120.50');
    expect(shown(details)).toContain('Active');
    expect(shown(details)).toContain(h.running.endiciaUrl);

    // `/postage buy 25` pre-filled Postage to Add.
    const review = await alice.submit();
    expect(review.status).toBe(200);
    const confirm = await alice.waitForView(page('confirming'));
    expect(shown(confirm)).toContain('$25.00');
    expect(shown(confirm)).toContain('$145.50');
    expect(buyCalls(h, ACCOUNTS.main.accountId)).toBe(0);

    await alice.submit();
    const done = await alice.waitForView(page('done'));
    expect(shown(done)).toContain('$145.50');
    expect(h.sim.account(ACCOUNTS.main.accountId)?.balanceMils).toBe(145_500);
    expect(h.sim.account(ACCOUNTS.main.accountId)?.recredits).toBe(1);

    const receipt = await h.fake.waitFor((f) => f.messagesIn('C1')[0]);
    expect(receipt.text).toContain('$25.00');
    expect(receipt.text).toContain('$145.50');
    expect(receipt.text).toContain('<@U0ALICE>');

    await alice.submit();
    expect(alice.currentView()).toBeUndefined();
    expect(h.fake.messagesIn('C1')).toHaveLength(1);
    await expectNoLeaks(h);
  });

  it('goes Back from the confirmation keeping the amount, and buys nothing', async () => {
    const bob = h.driver.user({ teamId: 'T1', userId: 'U0BOB', channelId: 'C2' });
    await loggedIn(bob, ACCOUNTS.other);
    await reviewed(bob, '40.5');
    await bob.click('back');
    const details = await bob.waitForView(page('details'));
    expect(shown(details)).toContain('"initial_value":"40.50"');
    expect(buyCalls(h, ACCOUNTS.other.accountId)).toBe(0);

    // Use another account: back to the account page, logged out.
    await bob.click('logout');
    const account = await bob.waitForView(page('account'));
    expect(shown(account)).toContain('Account Number');
    expect(shown(account)).not.toContain(`"initial_value":"${ACCOUNTS.other.accountId}"`);
    expect(shown(account)).not.toContain('initial_options');
    expect(buyCalls(h, ACCOUNTS.other.accountId)).toBe(0);
  });

  it('closing the modal ends the session: a replayed page finds it gone', async () => {
    const carol = h.driver.user({ teamId: 'T1', userId: 'U0CAROL', channelId: 'C3' });
    const details = await loggedIn(carol, ACCOUNTS.other);
    const closed = await carol.close();
    expect(closed?.status).toBe(200);
    expect(carol.currentView()).toBeUndefined();

    // The closed page submitted again (a stale client): "no longer active", and nothing reaches Endicia.
    const before = h.sim.calls.length;
    const replayed = await replaySubmission(h, carol, {
      ...details,
      state: { values: { amount: { amount: { type: 'plain_text_input', value: '25' } } } },
    });
    expect(replayed.status).toBe(200);
    expect(JSON.stringify(replayed.body)).toContain('no longer active');
    expect(h.sim.calls.length).toBe(before);

    // A new wizard is a new session.
    await openWizard(carol);
    expect(carol.currentView()?.private_metadata).not.toBe(details.private_metadata);
  });

  it('opens the wizard in well under 3 s and never calls Endicia before the person logs in', async () => {
    const dave = h.driver.user({ teamId: 'T1', userId: 'U0DAVE', channelId: 'C4' });
    const before = h.sim.calls.length;
    const opened = await dave.command('/postage', 'buy');
    expect(opened.ackMs).toBeLessThan(3000);
    await dave.waitForView(page('account'));
    expect(h.sim.calls.length).toBe(before);
    expect(h.fake.callsTo('views.open')).not.toHaveLength(0);
  });
});
