import { describe, expect, it } from 'vitest';
import { ACCOUNTS, type Harness } from '../helpers/bot-harness.ts';
import type { SlackUser } from '../helpers/fake-slack/index.ts';
import {
  balanceText,
  expectNoLeaks,
  holdsSecret,
  loggedIn,
  openWizard,
  page,
  personOf,
  reviewed,
  shown,
  submitLogin,
  useHarness,
  WRONG_PHRASE,
} from './support.ts';

const MAIN = ACCOUNTS.main;
const OTHER = ACCOUNTS.other;

let h: Harness;
useHarness((started) => {
  h = started;
});

const person = (teamId: string, userId: string): SlackUser => personOf(h, teamId, userId);

describe('logging in', () => {
  it('a wrong pass phrase is answered under the field, then the right one logs in in the same modal', async () => {
    const user = person('T1', 'U0WRONG');
    const account = await openWizard(user);
    const wrong = await submitLogin(user, { accountId: MAIN.accountId, passPhrase: WRONG_PHRASE });
    expect(wrong.response?.['response_action']).toBe('errors');
    expect(user.lastErrors?.['pass_phrase']).toContain('incorrect');
    expect(user.currentView()?.id).toBe(account.id);
    expect(h.sim.account(MAIN.accountId)?.badAttempts).toBe(1);

    await submitLogin(user, MAIN);
    const details = await user.waitForView(page('details'));
    expect(details.id).toBe(account.id);
    expect(h.sim.account(MAIN.accountId)?.badAttempts).toBe(0);
  });

  it('an unknown account number is answered under the account field', async () => {
    const user = person('T1', 'U0UNKNOWN');
    await openWizard(user);
    await submitLogin(user, { accountId: '2999999', passPhrase: WRONG_PHRASE });
    expect(Object.keys(user.lastErrors ?? {})).toEqual(['account_id']);
  });

  it.each([
    ['letters in the account number', { accountId: '25OOOO1', passPhrase: WRONG_PHRASE }, 'account_id'],
    [
      'an account number of 13 digits',
      { accountId: '1234567890123', passPhrase: WRONG_PHRASE },
      'account_id',
    ],
    [
      'an empty pass phrase (nothing remembered)',
      { accountId: MAIN.accountId, passPhrase: '' },
      'pass_phrase',
    ],
    [
      'a pass phrase over 64 characters',
      { accountId: MAIN.accountId, passPhrase: 'p'.repeat(65) },
      'pass_phrase',
    ],
  ])('refuses %s at the field without calling Endicia', async (_what, login, block) => {
    const user = person('T1', 'U0BADFORM');
    await openWizard(user);
    const calls = h.sim.calls.length;
    const answer = await submitLogin(user, login);
    expect(answer.response?.['response_action']).toBe('errors');
    expect(Object.keys(user.lastErrors ?? {})).toContain(block);
    expect(h.sim.calls.length).toBe(calls);
  });
});

describe('remember, restart, forget', () => {
  it('remembers, survives a restart, and logs in with the pass phrase field left blank', async () => {
    const before = person('T1', 'U0KEEP');
    const details = await loggedIn(before, MAIN, { remember: true });
    expect(shown(details)).toContain('will be remembered');
    await before.close();
    expect(await h.diskText()).not.toBe('');
    expect(holdsSecret(await h.diskText())).toBe(false);

    await h.restart();
    const after = person('T1', 'U0KEEP');
    const account = await openWizard(after);
    expect(shown(account)).toContain(`"initial_value":"${MAIN.accountId}"`);
    expect(holdsSecret(shown(account))).toBe(false);
    const login = await after.submit();
    expect(login.status).toBe(200);
    await after.waitForView(page('details'));
    await reviewed(after, '10');
    await after.submit();
    await after.waitForView(page('done'));
    expect(await balanceText(after)).toContain('$');
  });

  it('unticking Remember and logging in forgets; /postage forget deletes and says so', async () => {
    const user = person('T1', 'U0FORGET');
    await loggedIn(user, OTHER, { remember: true });
    await user.close();
    expect(await balanceText(user)).toContain('$75.00');

    // The desktop wizard's way: untick Remember and log in.
    const details = await loggedIn(user, OTHER, { remember: false });
    expect(shown(details)).toContain('forgotten');
    await user.close();
    expect(await balanceText(user)).toContain('No Endicia account is remembered');

    // The command's way.
    await loggedIn(user, OTHER, { remember: true });
    await user.close();
    const forgot = await user.command('/postage', 'forget');
    expect(JSON.stringify(forgot.body)).toContain('deleted');
    expect(await balanceText(user)).toContain('No Endicia account is remembered');
    const again = await user.command('/postage', 'forget');
    expect(JSON.stringify(again.body)).toContain('nothing to delete');

    // Nothing prefilled, and a blank pass phrase is refused at the field with no call.
    const account = await openWizard(user);
    expect(shown(account)).not.toContain(`"initial_value":"${OTHER.accountId}"`);
    const calls = h.sim.calls.length;
    await submitLogin(user, { accountId: OTHER.accountId, passPhrase: '' });
    expect(Object.keys(user.lastErrors ?? {})).toEqual(['pass_phrase']);
    expect(h.sim.calls.length).toBe(calls);
  });
});

describe('remember: closing the account page', () => {
  it('closing with Remember still ticked keeps the login; unticked and closed forgets it', async () => {
    const user = person('T1', 'U0CLOSEFORGET');
    await loggedIn(user, OTHER, { remember: true });
    await user.close();

    await openWizard(user);
    await user.close();
    expect(await balanceText(user)).toContain('$75.00');

    expect(h.fake.ephemerals.filter((m) => m.user === 'U0CLOSEFORGET')).toHaveLength(0);

    await openWizard(user);
    user.check('remember', 'remember', []);
    await user.close();
    expect(await balanceText(user)).toContain('No Endicia account is remembered');
    // Not without a word: the person is told, only them, where they opened the wizard.
    const told = await h.fake.waitFor(() => h.fake.ephemerals.find((m) => m.user === 'U0CLOSEFORGET'));
    expect(told.channel).toBe('C0CLOSEFORGET');
    expect(told.text).toContain('You closed the wizard with *Remember* unticked');
  });
});

describe('secrets', () => {
  it('no pass phrase, right or wrong, in any log, anything sent to Slack, or any stored byte', async () => {
    await expectNoLeaks(h);
  });
});
