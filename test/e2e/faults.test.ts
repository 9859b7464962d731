import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEndiciaClient } from '../../src/endicia/index.ts';
import type { FaultKind, SimAccountSeed } from '../../src/endicia/simulator/index.ts';
import { ACCOUNTS, type Harness, startHarness } from '../helpers/bot-harness.ts';
import {
  buyCalls,
  expectNoLeaks,
  loggedIn,
  NEW_PHRASES,
  openWizard,
  page,
  reviewed,
  shown,
  submitLogin,
} from './support.ts';

const MAIN = ACCOUNTS.main;
const DECLINED = {
  accountId: '2800001',
  passPhrase: 'Declined <card> & "1" it\'s',
  balance: '40',
  paymentState: 'declined',
} as const satisfies SimAccountSeed;
const SUSPENDED = {
  accountId: '2800002',
  passPhrase: 'Suspended <acct> & "2" it\'s',
  balance: '0',
  status: 'suspended',
} as const satisfies SimAccountSeed;
const TEMPORARY = {
  accountId: '2800003',
  passPhrase: 'Temporary <acct> & "3" it\'s',
  balance: '25',
  needsReset: true,
} as const satisfies SimAccountSeed;
const SEEDS = [...Object.values(ACCOUNTS), DECLINED, SUSPENDED, TEMPORARY];
const PHRASES = SEEDS.map((seed) => seed.passPhrase);

let h: Harness;
let seq = 0;
beforeAll(async () => {
  h = await startHarness({ accounts: SEEDS });
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  h.sim.clearFaults();
  expect(h.fake.violations).toEqual([]);
});

const newUser = () => {
  seq += 1;
  return h.driver.user({ teamId: 'T1', userId: `U0FAULT${seq}`, channelId: `C0FAULT${seq}` });
};
const recredits = (accountId: string) => h.sim.account(accountId)?.recredits ?? Number.NaN;
const dollars = (mils: number) => `$${(mils / 1000).toFixed(2)}`;

const UNAVAILABLE = 'Endicia is unavailable right now';

describe('Endicia faults while logging in (GetAccountStatus)', () => {
  it.each<[string, FaultKind, number | undefined, string]>([
    ['an HTTP 500 page', 'http-500', undefined, UNAVAILABLE],
    ['an HTML page with 200', 'html', undefined, UNAVAILABLE],
    ['truncated XML', 'truncated', undefined, "Endicia's answer could not be read"],
    ['a connection reset', 'reset', undefined, UNAVAILABLE],
    ['a lost answer', 'lost-answer', undefined, UNAVAILABLE],
    ['no answer (timeout)', 'hang', undefined, UNAVAILABLE],
    ['Status 12130', 'status', 12130, 'Endicia could not do that right now'],
  ])(
    '%s: says so on the account page, shows no balance, and the next try logs in',
    async (_what, kind, status, said) => {
      const user = newUser();
      await openWizard(user);
      h.sim.inject({ kind, op: 'GetAccountStatus', ...(status === undefined ? {} : { status }) });
      const login = await submitLogin(user, MAIN);
      expect(login.ackMs).toBeLessThan(3000);
      const account = await user.waitForView((v) => page('account')(v) && shown(v).includes(said));
      expect(shown(account)).not.toContain('$');

      await submitLogin(user, MAIN);
      await user.waitForView(page('details'));
    },
  );
});

describe('Endicia faults while buying (BuyPostage): never retried, reported honestly', () => {
  it.each<[FaultKind, boolean]>([
    ['http-500', false],
    ['html', false],
    ['hang', false],
    ['truncated', true],
  ])('%s (applied: %s)', async (kind, applied) => {
    const user = newUser();
    await loggedIn(user, MAIN);
    const before = h.sim.account(MAIN.accountId)?.balanceMils ?? 0;
    const [bought, calls] = [recredits(MAIN.accountId), buyCalls(h, MAIN.accountId)];
    await reviewed(user, '10');
    h.sim.inject({ kind, op: 'BuyPostage' });
    const confirm = await user.submit();
    expect(confirm.ackMs).toBeLessThan(3000);
    if (applied) {
      const done = await user.waitForView(page('done'));
      expect(shown(done)).toContain('confirmed by the balance');
      expect(shown(done)).toContain(dollars(before + 10_000));
    } else {
      const uncertain = await user.waitForView(page('uncertain'));
      expect(shown(uncertain)).toContain(`could not be confirmed — the balance is now ${dollars(before)}`);
    }
    expect(recredits(MAIN.accountId)).toBe(bought + (applied ? 1 : 0));
    expect(buyCalls(h, MAIN.accountId)).toBe(calls + 1);
    await h.fake.waitFor((f) => f.messagesIn(`C0FAULT${seq}`)[0]);
  });

  it.each([
    [12130, 'Endicia could not do that right now'],
    [12119, 'Endicia refused the amount'],
    [12128, 'could not charge'],
  ])('status %s: back on the details page with the reason, nothing bought', async (status, said) => {
    const user = newUser();
    await loggedIn(user, MAIN);
    const bought = recredits(MAIN.accountId);
    await reviewed(user, '10');
    h.sim.inject({ kind: 'status', op: 'BuyPostage', status });
    await user.submit();
    const details = await user.waitForView((v) => page('details')(v) && shown(v).includes(said));
    expect(shown(details)).toContain('"initial_value":"10.00"');
    // Refusals of the amount (over the limit, card declined) are said under Postage to Add, not as a status.
    expect(shown(details).includes('"block_id":"amount_error"')).toBe(status !== 12130);
    expect(recredits(MAIN.accountId)).toBe(bought);
    // No receipt for a refusal.
    expect(h.fake.messagesIn(`C0FAULT${seq}`)).toHaveLength(0);
  });
});

describe("the account's own state", () => {
  it('a declined card: the reason on the details page, nothing bought', async () => {
    const user = newUser();
    await loggedIn(user, DECLINED);
    await reviewed(user, '10');
    await user.submit();
    await user.waitForView((v) => page('details')(v) && shown(v).includes('could not charge'));
    expect(recredits(DECLINED.accountId)).toBe(0);
  });

  it('a suspended account: refused at login with Endicia support named, no balance shown', async () => {
    const user = newUser();
    await openWizard(user);
    await submitLogin(user, SUSPENDED);
    const account = await user.waitForView((v) => page('account')(v) && shown(v).includes('Endicia support'));
    expect(shown(account)).not.toContain('$0.00');
    // Endicia's support named once, plainly, with the account number to quote.
    expect(shown(account).match(/support/gi)).toHaveLength(1);
    expect(shown(account)).toContain(`quote account ${SUSPENDED.accountId}`);
  });

  it('a temporary pass phrase: said on the details page with Change Pass Phrase offered, then it buys', async () => {
    const user = newUser();
    await loggedIn(user, TEMPORARY);
    await reviewed(user, '10');
    await user.submit();
    // Still logged in: the details page says why, and Change Pass Phrase is the primary button.
    const details = await user.waitForView((v) => page('details')(v) && shown(v).includes('temporary'));
    expect(shown(details)).toContain('Endicia says this pass phrase is temporary');
    const actions = details.blocks.find((block) => block.block_id === 'details_actions');
    expect(JSON.stringify(actions)).toMatch(/"action_id":"open_change","text":\{[^}]*\},"style":"primary"/);
    expect(recredits(TEMPORARY.accountId)).toBe(0);

    await user.click('open_change');
    const form = await user.waitForView(page('changeForm'));
    expect(shown(form)).toContain(`"initial_value":"${TEMPORARY.accountId}"`);
    user.fill('current_pass_phrase', 'current_pass_phrase', TEMPORARY.passPhrase);
    user.fill('new_pass_phrase', 'new_pass_phrase', NEW_PHRASES.second);
    user.fill('confirm_pass_phrase', 'confirm_pass_phrase', NEW_PHRASES.second);
    await user.submit();
    const after = await user.waitForView((v) => page('details')(v) && shown(v).includes('was changed'));
    expect(shown(after)).not.toContain('temporary');
    await reviewed(user, '10');
    await user.submit();
    await user.waitForView(page('done'));
    expect(recredits(TEMPORARY.accountId)).toBe(1);
  });
});

describe('a pass phrase changed elsewhere while logged in', () => {
  it('the Buy that Endicia refuses logs the person out: no further Buy can spend another attempt', async () => {
    const seed = { accountId: '2700007', passPhrase: 'Before <change> & "1"', balance: '50' };
    h.sim.addAccount(seed);
    const user = newUser();
    await loggedIn(user, seed, { remember: true });
    const outside = createEndiciaClient({
      baseUrl: h.running.endiciaUrl,
      requesterId: 'lxxx',
      timeoutMs: 5_000,
    });
    await outside.changePassPhrase(seed, 'After <change> & "2"');

    await reviewed(user, '10');
    await user.submit();
    const account = await user.waitForView(page('account'));
    expect(shown(account)).toContain('incorrect');
    expect(h.sim.account(seed.accountId)?.badAttempts).toBe(1);
    // The remembered copy of the refused phrase is blocked too: a blank-phrase login does not try it.
    const calls = h.sim.calls.length;
    await submitLogin(user, { accountId: seed.accountId, passPhrase: '' });
    expect(user.lastErrors?.['pass_phrase']).toContain('refused');
    expect(h.sim.calls.length).toBe(calls);
    expect(h.sim.account(seed.accountId)?.status).toBe('active');
  });
});

describe('Endicia faults while changing the pass phrase', () => {
  it('a lost answer: says the change may or may not have happened', async () => {
    const user = newUser();
    await openWizard(user, 'passphrase');
    user.fill('account_id', 'account_id', DECLINED.accountId);
    user.fill('current_pass_phrase', 'current_pass_phrase', DECLINED.passPhrase);
    user.fill('new_pass_phrase', 'new_pass_phrase', 'Another <one> & "9" it\'s');
    user.fill('confirm_pass_phrase', 'confirm_pass_phrase', 'Another <one> & "9" it\'s');
    h.sim.inject({ kind: 'reset', op: 'ChangePassPhrase' });
    await user.submit();
    const form = await user.waitForView((v) => page('changeForm')(v) && shown(v).includes('may or may not'));
    expect(shown(form)).toContain('Log in with the new one first');
  });

  it('leaks no pass phrase anywhere', async () => {
    await expectNoLeaks(h, [...PHRASES, 'Another <one> & "9" it\'s']);
  });
});
