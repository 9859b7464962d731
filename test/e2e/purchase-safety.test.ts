import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, type Harness, startHarness } from '../helpers/bot-harness.ts';
import {
  buyCalls,
  expectNoLeaks,
  loggedIn,
  page,
  replaySubmission,
  reviewed,
  settle,
  shown,
} from './support.ts';

const MAIN = ACCOUNTS.main;

describe('purchases over signed HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    h.sim.setLatency(0);
    h.sim.clearFaults();
    expect(h.fake.violations).toEqual([]);
  });

  const balance = () => h.sim.account(MAIN.accountId)?.balanceMils ?? Number.NaN;
  const recredits = () => h.sim.account(MAIN.accountId)?.recredits ?? Number.NaN;

  it.each([
    ['letters', 'abc'],
    ['an empty amount', ' '],
    ['a negative amount', '-25'],
    ['a negative dollar amount', '$-25'],
    ['zero', '0'],
    ['zero with cents', '0.00'],
    ['more than two decimals', '25.505'],
    ['exponent notation', '1e3'],
    ['a thousands separator that is a decimal comma', '10,00'],
    ['malformed grouping', '1,50'],
    ['a comma as decimal point', '25,50'],
    ['under the $10 minimum', '9.99'],
    ['over POSTAGE_MAX_PURCHASE ($500)', '500.01'],
    ['far too many digits', '123456789012345678901234567890'],
  ])('refuses %s at the field and calls nobody', async (_what, amount) => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0AMOUNTS', channelId: 'C0AMOUNTS' });
    await loggedIn(user, MAIN);
    const calls = h.sim.calls.length;
    user.fill('amount', 'amount', amount);
    const review = await user.submit();
    expect(review.status).toBe(200);
    expect(review.response?.['response_action']).toBe('errors');
    expect(Object.keys(user.lastErrors ?? {})).toEqual(['amount']);
    expect(user.currentView()?.callback_id).toBe('postage/details');
    expect(h.sim.calls.length).toBe(calls);
  });

  it('a bad `/postage buy <amount>` prefill is only a draft: corrected at the field', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0PREFILL', channelId: 'C0PREFILL' });
    const details = await loggedIn(user, MAIN, { text: 'buy twelve' });
    expect(shown(details)).toContain('"initial_value":"twelve"');
    const review = await user.submit();
    expect(review.response?.['response_action']).toBe('errors');
    await reviewed(user, '12');
  });

  it('slow Endicia: every ack in time, a working page at once, then the result by views.update', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0SLOW', channelId: 'C0SLOW' });
    h.sim.setLatency(1500);
    await user.command('/postage', 'buy');
    await user.waitForView(page('account'));
    user.fill('account_id', 'account_id', MAIN.accountId);
    user.fill('pass_phrase', 'pass_phrase', MAIN.passPhrase);
    const login = await user.submit();
    expect(login.ackMs).toBeLessThan(3000);
    expect(login.response?.['response_action']).toBe('update');
    expect(user.currentView()?.callback_id).toBe('postage/verifying');
    await user.waitForView(page('details'));

    const before = balance();
    await reviewed(user, '30');
    const confirm = await user.submit();
    expect(confirm.ackMs).toBeLessThan(3000);
    expect(user.currentView()?.callback_id).toBe('postage/purchasing');
    expect(shown(user.currentView())).toContain('$30.00');
    const done = await user.waitForView(page('done'));
    expect(shown(done)).toContain('Postage bought');
    expect(balance()).toBe(before + 30_000);
    const receipt = await h.fake.waitFor((f) => f.messagesIn('C0SLOW')[0]);
    expect(receipt.text).toContain('$30.00');
    const updates = h.fake.callsTo('views.update').filter((c) => c.args['view_id'] === done.id);
    expect(updates.length).toBeGreaterThanOrEqual(1);
  });

  it('a lost purchase answer: one recredit, re-read, and "confirmed by the balance"', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0LOST', channelId: 'C0LOST' });
    await loggedIn(user, MAIN);
    const [before, bought, calls] = [balance(), recredits(), buyCalls(h, MAIN.accountId)];
    await reviewed(user, '20');
    h.sim.inject({ kind: 'lost-answer', op: 'BuyPostage' });
    await user.submit();
    const done = await user.waitForView(page('done'));
    expect(shown(done)).toContain('confirmed by the balance');
    expect(recredits()).toBe(bought + 1);
    expect(buyCalls(h, MAIN.accountId)).toBe(calls + 1);
    expect(balance()).toBe(before + 20_000);
    const receipt = await h.fake.waitFor((f) => f.messagesIn('C0LOST')[0]);
    expect(JSON.stringify(receipt.blocks)).toContain("Endicia's answer was lost");
  });

  it('a purchase that did not go through and whose answer was lost: the honest sentence, nothing bought', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0RESET', channelId: 'C0RESET' });
    await loggedIn(user, MAIN);
    const [before, bought] = [balance(), recredits()];
    await reviewed(user, '15');
    h.sim.inject({ kind: 'reset', op: 'BuyPostage' });
    await user.submit();
    const uncertain = await user.waitForView(page('uncertain'));
    const shownBalance = `$${(before / 1000).toFixed(2)}`;
    expect(shown(uncertain)).toContain(`could not be confirmed — the balance is now ${shownBalance}`);
    expect(shown(uncertain)).toContain('check before buying again');
    expect(recredits()).toBe(bought);
    const notice = await h.fake.waitFor((f) => f.messagesIn('C0RESET')[0]);
    expect(notice.text).toContain('could not be confirmed');
    // Never retried: the purchase reached Endicia once, then only reads.
    expect(h.sim.calls.filter((c) => c.op === 'BuyPostage' && c.fault === 'reset')).toHaveLength(1);
  });

  it('lost answer and an unreadable balance: "could not be confirmed", one recredit, never a retry', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0BLIND', channelId: 'C0BLIND' });
    await loggedIn(user, MAIN);
    const [bought, calls] = [recredits(), buyCalls(h, MAIN.accountId)];
    await reviewed(user, '11');
    h.sim.inject({ kind: 'lost-answer', op: 'BuyPostage' });
    h.sim.inject({ kind: 'http-500', op: 'GetAccountStatus' });
    await user.submit();
    const uncertain = await user.waitForView(page('uncertain'));
    expect(shown(uncertain)).toContain('the balance could not be read');
    expect(recredits()).toBe(bought + 1);
    expect(buyCalls(h, MAIN.accountId)).toBe(calls + 1);
  });

  it('Confirm clicked twice while Endicia is slow: both acked in time, one recredit, one receipt', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0TWICE', channelId: 'C0TWICE' });
    await loggedIn(user, MAIN);
    const bought = recredits();
    await reviewed(user, '10');
    h.sim.setLatency(1500);
    const [first, second] = await Promise.all([user.submit(), user.submit()]);
    expect(first.ackMs).toBeLessThan(3000);
    expect(second.ackMs).toBeLessThan(3000);
    await user.waitForView(page('done'));
    expect(recredits()).toBe(bought + 1);
    await settle(h);
    expect(h.fake.messagesIn('C0TWICE')).toHaveLength(1);
  });

  it('the buyer closes the "Buying…" window while Endicia is slow: bought once, the receipt still posted', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0CLOSER', channelId: 'C0CLOSER' });
    await loggedIn(user, MAIN);
    const bought = recredits();
    await reviewed(user, '10');
    h.sim.setLatency(1500);
    const confirm = await user.submit();
    expect(confirm.ackMs).toBeLessThan(3000);
    expect(user.currentView()?.callback_id).toBe('postage/purchasing');
    await user.close();
    expect(user.currentView()).toBeUndefined();
    const receipt = await h.fake.waitFor(() => h.fake.messagesIn('C0CLOSER')[0]);
    expect(receipt.text).toContain('$10.00');
    expect(recredits()).toBe(bought + 1);
    await settle(h);
    expect(h.fake.messagesIn('C0CLOSER')).toHaveLength(1);
  });

  it('Confirm clicked twice while Endicia is quick: one recredit, one receipt', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0QUICK', channelId: 'C0QUICK' });
    await loggedIn(user, MAIN);
    const bought = recredits();
    await reviewed(user, '10');
    await Promise.all([user.submit(), user.submit()]);
    await user.waitForView(page('done'));
    await settle(h);
    expect(recredits()).toBe(bought + 1);
    expect(h.fake.messagesIn('C0QUICK')).toHaveLength(1);
  });

  it('the confirmation page replayed after the purchase: nothing bought again, no second receipt', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0REPLAY', channelId: 'C0REPLAY' });
    await loggedIn(user, MAIN);
    const confirming = await reviewed(user, '10');
    await user.submit();
    await user.waitForView(page('done'));
    await h.fake.waitFor((f) => f.messagesIn('C0REPLAY')[0]);
    const [bought, calls] = [recredits(), buyCalls(h, MAIN.accountId)];

    const replayed = await replaySubmission(h, user, confirming);
    expect(replayed.status).toBe(200);
    expect(recredits()).toBe(bought);
    expect(buyCalls(h, MAIN.accountId)).toBe(calls);

    // After Finish the session is gone: the same replay is told so.
    await user.close();
    const again = await replaySubmission(h, user, confirming);
    expect(JSON.stringify(again.body)).toContain('no longer active');
    expect(recredits()).toBe(bought);
    await settle(h);
    expect(h.fake.messagesIn('C0REPLAY')).toHaveLength(1);
  });

  it('leaks no pass phrase anywhere after all of the above', async () => {
    await expectNoLeaks(h);
  });
});

describe('the $99,999.99 ceiling (POSTAGE_MAX_PURCHASE at its largest)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { POSTAGE_MAX_PURCHASE: '99999.99' } });
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    expect(h.fake.violations).toEqual([]);
  });

  it('refuses $100,000 at the field, naming the ceiling', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0CEILING' });
    await loggedIn(user, MAIN);
    const calls = h.sim.calls.length;
    user.fill('amount', 'amount', '100000');
    const review = await user.submit();
    expect(review.response?.['response_action']).toBe('errors');
    expect(user.lastErrors?.['amount']).toContain('$99,999.99');
    expect(h.sim.calls.length).toBe(calls);
  });
});
