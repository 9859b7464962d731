import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, type Harness, startHarness } from '../helpers/bot-harness.ts';
import { expectNoLeaks, loggedIn, openWizard, page, reviewed, shown } from './support.ts';

const MAIN = ACCOUNTS.main;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  h.sim.setLatency(0);
  expect(h.fake.violations).toEqual([]);
});

const recredits = () => h.sim.account(MAIN.accountId)?.recredits ?? Number.NaN;
// People belong to one app instance (its port): make them again after every restart.
const person = (userId: string) => h.driver.user({ teamId: 'T1', userId, channelId: `C${userId.slice(1)}` });

describe('a restart with a modal open', () => {
  it('the account page, typed into but not submitted, logs in after the restart', async () => {
    const before = person('U0TYPED');
    await openWizard(before);
    before.fill('account_id', 'account_id', MAIN.accountId);
    before.fill('pass_phrase', 'pass_phrase', MAIN.passPhrase);
    await h.restart();
    const after = person('U0TYPED');
    await after.submit();
    await after.waitForView(page('details'));
  });

  it('the details page reviews, and the confirmation page buys once, across two restarts', async () => {
    await loggedIn(person('U0ACROSS'), MAIN);
    await h.restart();
    const confirming = await reviewed(person('U0ACROSS'), '10');
    expect(shown(confirming)).toContain('$10.00');
    const bought = recredits();
    await h.restart();
    const last = person('U0ACROSS');
    await last.submit();
    await last.waitForView(page('done'));
    expect(recredits()).toBe(bought + 1);
    await h.fake.waitFor((f) => f.messagesIn('C0ACROSS')[0]);
  });
});

describe('a graceful stop right after an ack', () => {
  it('still opens the wizard the command asked for', async () => {
    const user = person('U0STOPOPEN');
    const opened = await user.command('/postage', 'buy');
    expect(opened.status).toBe(200);
    const { drained } = await h.restart();
    expect(drained).toBe(true);
    expect(user.currentView()?.callback_id).toBe('postage/account');
    await person('U0STOPOPEN').submit();
  });
});

describe('a graceful stop (SIGTERM) during a slow purchase', () => {
  it('lets the purchase settle once, records it, updates the modal and posts the receipt', async () => {
    const user = person('U0SIGTERM');
    await loggedIn(user, MAIN);
    await reviewed(user, '10');
    const bought = recredits();
    const oldPort = h.running.port;
    h.sim.setLatency(1500);
    const confirm = await user.submit();
    expect(confirm.ackMs).toBeLessThan(3000);
    expect(user.currentView()?.callback_id).toBe('postage/purchasing');
    expect(recredits()).toBe(bought);

    const { drained } = await h.restart();
    expect(drained).toBe(true);
    expect(recredits()).toBe(bought + 1);
    // Everything the purchase owed Slack was done before the old app let go.
    expect(user.currentView()?.callback_id).toBe('postage/done');
    expect(h.fake.messagesIn('C0SIGTERM')).toHaveLength(1);
    await expect(fetch(`http://127.0.0.1:${oldPort}/healthz`)).rejects.toThrow();

    // Recorded in the journal: the new app's history shows it as bought.
    const history = await person('U0SIGTERM').command('/postage', 'history');
    expect(JSON.stringify(history.body)).toContain('$10.00');
    expect(JSON.stringify(history.body)).toContain('bought');
    expect(JSON.stringify(history.body)).not.toContain('not confirmed yet');
  });

  it('leaks no pass phrase anywhere', async () => {
    await expectNoLeaks(h);
  });
});
