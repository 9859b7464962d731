import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, type Harness, startHarness } from '../helpers/bot-harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const secretsIn = (text: string) =>
  Object.values(ACCOUNTS).some(
    (a) => text.includes(a.passPhrase) || text.includes(JSON.stringify(a.passPhrase).slice(1, -1)),
  );

describe('the wizard end to end over signed HTTP', () => {
  it('logs in, reviews, buys, finishes, and posts a receipt in the channel', async () => {
    const alice = h.driver.user({ teamId: 'T1', userId: 'U1', channelId: 'C1' });
    const opened = await alice.command('/postage', 'buy 25');
    expect(opened.status).toBe(200);
    expect(opened.ackMs).toBeLessThan(3000);
    const account = await alice.waitForView((v) => v.callback_id === 'postage/account');
    expect(JSON.stringify(account)).toContain('SIMULATOR');

    alice.fill('account_id', 'account_id', ACCOUNTS.main.accountId);
    alice.fill('pass_phrase', 'pass_phrase', ACCOUNTS.main.passPhrase);
    const login = await alice.submit();
    expect(login.status).toBe(200);
    const details = await alice.waitForView((v) => v.callback_id === 'postage/details');
    expect(JSON.stringify(details)).toContain('$120.50');

    const review = await alice.submit();
    expect(review.status).toBe(200);
    const confirm = await alice.waitForView((v) => v.callback_id === 'postage/confirming');
    expect(JSON.stringify(confirm)).toContain('$25.00');

    await alice.submit();
    const done = await alice.waitForView((v) => v.callback_id === 'postage/done');
    expect(JSON.stringify(done)).toContain('$145.50');
    expect(h.sim.account(ACCOUNTS.main.accountId)?.balanceMils).toBe(145_500);

    const receipt = await h.fake.waitFor((f) => f.messagesIn('C1')[0]);
    expect(receipt.text).toContain('$25.00');

    await alice.submit();
    expect(alice.currentView()).toBeUndefined();
    expect(h.fake.violations).toEqual([]);
    expect(secretsIn(h.logs.join('\n'))).toBe(false);
  });
});
