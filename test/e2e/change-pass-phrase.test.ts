import { afterEach, describe, expect, it } from 'vitest';
import type { SimAccountSeed } from '../../src/endicia/simulator/index.ts';
import { ACCOUNTS, type Harness } from '../helpers/bot-harness.ts';
import type { SlackUser } from '../helpers/fake-slack/index.ts';
import {
  expectNoLeaks,
  loggedIn,
  NEW_PHRASES,
  openWizard,
  page,
  reviewed,
  shown,
  storedState,
  useHarness,
  WRONG_PHRASE,
} from './support.ts';

/** Accounts of their own: these tests change pass phrases for real (in the simulator). */
const IN_WIZARD = {
  accountId: '2700003',
  passPhrase: 'Wizard <change> & "5" it\'s',
  balance: '50',
} as const satisfies SimAccountSeed;
const STANDALONE = {
  accountId: '2700004',
  passPhrase: 'Alone <change> & "6" it\'s',
  balance: '60',
} as const satisfies SimAccountSeed;
const SLOW = {
  accountId: '2700005',
  passPhrase: 'Slow <change> & "7" it\'s',
  balance: '70',
} as const satisfies SimAccountSeed;
const PHRASES = [
  IN_WIZARD.passPhrase,
  STANDALONE.passPhrase,
  SLOW.passPhrase,
  ...Object.values(NEW_PHRASES),
  WRONG_PHRASE,
];

let h: Harness;
useHarness(
  (started) => {
    h = started;
  },
  { accounts: [...Object.values(ACCOUNTS), IN_WIZARD, STANDALONE, SLOW] },
);

const phraseIs = (accountId: string, phrase: string) => h.sim.account(accountId)?.passPhrase === phrase;

function fillChange(
  user: SlackUser,
  fields: { accountId?: string; current: string; next: string; again?: string },
) {
  if (fields.accountId !== undefined) user.fill('account_id', 'account_id', fields.accountId);
  user.fill('current_pass_phrase', 'current_pass_phrase', fields.current);
  user.fill('new_pass_phrase', 'new_pass_phrase', fields.next);
  user.fill('confirm_pass_phrase', 'confirm_pass_phrase', fields.again ?? fields.next);
}

describe('Change Pass Phrase inside the wizard (pushed over the page)', () => {
  it('carries the account number typed on the login page (not submitted) into the form', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0TYPEDACCT', channelId: 'C0TYPEDACCT' });
    await openWizard(user);
    user.fill('account_id', 'account_id', ` ${STANDALONE.accountId} `);
    await user.click('open_change');
    const form = await user.waitForView(page('changeForm'));
    expect(shown(form)).toContain(`"initial_value":"${STANDALONE.accountId}"`);
    await user.close();
  });

  it('changed from the login page: logged in with the new pass phrase at once, nothing retyped', async () => {
    const seed = { accountId: '2700009', passPhrase: 'First <login> & "9" it\'s', balance: '33' };
    h.sim.addAccount(seed);
    const user = h.driver.user({ teamId: 'T1', userId: 'U0CHANGEFIRST', channelId: 'C0CHANGEFIRST' });
    await openWizard(user);
    user.fill('account_id', 'account_id', seed.accountId);
    await user.click('open_change');
    await user.waitForView(page('changeForm'));
    fillChange(user, { current: seed.passPhrase, next: NEW_PHRASES.second });
    await user.submit();
    // The page below the form (a slow turn leaves the "changed" notice on the form above it).
    const details = await h.fake.waitFor(() => {
      const [root] = h.fake.views.stackOf(user.key);
      return root !== undefined && page('details')(root) && shown(root).includes('was changed')
        ? root
        : undefined;
    });
    expect(shown(details)).toContain('$33.00');
    expect(phraseIs(seed.accountId, NEW_PHRASES.second)).toBe(true);
    expect(h.sim.account(seed.accountId)?.badAttempts).toBe(0);
    await user.close();
    await expectNoLeaks(h, [seed.passPhrase, ...PHRASES]);
  });

  it('refuses a mismatch, a wrong current phrase and a reused one at their fields, then changes', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0CHANGER', channelId: 'C0CHANGER' });
    await loggedIn(user, IN_WIZARD, { remember: true });
    await user.click('open_change');
    const form = await user.waitForView(page('changeForm'));
    expect(h.fake.views.stackOf(user.key)).toHaveLength(2);
    expect(shown(form)).toContain(`"initial_value":"${IN_WIZARD.accountId}"`);

    const calls = h.sim.calls.length;
    fillChange(user, { current: IN_WIZARD.passPhrase, next: NEW_PHRASES.first, again: NEW_PHRASES.second });
    await user.submit();
    expect(Object.keys(user.lastErrors ?? {})).toEqual(['confirm_pass_phrase']);
    fillChange(user, { current: IN_WIZARD.passPhrase, next: IN_WIZARD.passPhrase });
    await user.submit();
    expect(Object.keys(user.lastErrors ?? {})).toEqual(['new_pass_phrase']);
    fillChange(user, { current: IN_WIZARD.passPhrase, next: 'four' });
    await user.submit();
    expect(Object.keys(user.lastErrors ?? {})).toEqual(['new_pass_phrase']);
    expect(h.sim.calls.length).toBe(calls);

    fillChange(user, { current: WRONG_PHRASE, next: NEW_PHRASES.first });
    await user.submit();
    expect(Object.keys(user.lastErrors ?? {})).toEqual(['current_pass_phrase']);
    expect(phraseIs(IN_WIZARD.accountId, IN_WIZARD.passPhrase)).toBe(true);

    fillChange(user, { current: IN_WIZARD.passPhrase, next: NEW_PHRASES.first });
    const changed = await user.submit();
    expect(changed.status).toBe(200);
    expect(phraseIs(IN_WIZARD.accountId, NEW_PHRASES.first)).toBe(true);

    // The form closes; the wizard page below is the logged-in details page with the notice.
    const details = await user.waitForView((v) => page('details')(v) && shown(v).includes('was changed'));
    expect(h.fake.views.stackOf(user.key)).toEqual([details]);

    // The wizard goes on with the new pass phrase: a purchase works without logging in again.
    await reviewed(user, '10');
    await user.submit();
    await user.waitForView(page('done'));
    await user.submit();

    // The remembered pass phrase followed: /postage balance works with it.
    const balance = await user.command('/postage', 'balance');
    expect(JSON.stringify(balance.body)).toContain('$60.00');

    // Changing back to the original pass phrase is a reuse Endicia refuses, under the new field.
    await openWizard(user);
    await user.click('open_change');
    await user.waitForView(page('changeForm'));
    fillChange(user, { current: NEW_PHRASES.first, next: IN_WIZARD.passPhrase });
    await user.submit();
    expect(Object.keys(user.lastErrors ?? {})).toEqual(['new_pass_phrase']);
    expect(user.lastErrors?.['new_pass_phrase']).toContain('last four');
    expect(phraseIs(IN_WIZARD.accountId, NEW_PHRASES.first)).toBe(true);

    // Back (closing the pushed form) returns to the account page, which still works.
    const root = h.fake.views.stackOf(user.key)[0];
    await user.close();
    expect(h.fake.views.stackOf(user.key)).toEqual([root]);
    expect(await storedState(h, root?.private_metadata ?? '')).toBe('account');
    const login = await user.submit();
    expect(login.status).toBe(200);
    await user.waitForView(page('details'));
  });
});

describe('a slow Change Pass Phrase inside the wizard', () => {
  afterEach(() => {
    h.sim.setLatency(0);
  });

  it('acks at once, then shows the result on the form and the page below; both Done and Close keep the wizard', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0SLOWCHANGE', channelId: 'C0SLOWCHANGE' });
    const root = await loggedIn(user, SLOW);
    for (const [round, current, next] of [
      [0, SLOW.passPhrase, NEW_PHRASES.first],
      [1, NEW_PHRASES.first, NEW_PHRASES.second],
    ] as const) {
      await user.click('open_change');
      await user.waitForView(page('changeForm'));
      h.sim.setLatency(1500);
      fillChange(user, { current, next });
      const submitted = await user.submit();
      expect(submitted.ackMs).toBeLessThan(3000);
      expect(user.currentView()?.callback_id).toBe('postage/changing');
      const notice = await user.waitForView(page('changed'));
      expect(shown(notice)).toContain('Pass phrase changed');
      h.sim.setLatency(0);
      expect(phraseIs(SLOW.accountId, next)).toBe(true);
      await h.fake.waitFor(() => shown(h.fake.views.byId(root.id)?.view).includes('was changed'));

      // Round 0 presses Done on the notice, round 1 closes it: either way only the notice goes.
      if (round === 0) await user.submit();
      else await user.close();
      expect(h.fake.views.stackOf(user.key).map((v) => v.id)).toEqual([root.id]);
      // view_closed is handled before its ack: the session is still on the page below.
      expect(await storedState(h, root.private_metadata)).toBe('details');
    }
    // The page below still buys, with the newest pass phrase.
    await reviewed(user, '10');
    await user.submit();
    await user.waitForView(page('done'));
  });
});

describe('/postage passphrase (the standalone form)', () => {
  it('opens the form, refuses at the field, changes, and Done closes it', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0STANDALONE', channelId: 'C0STANDALONE' });
    const form = await openWizard(user, 'passphrase');
    expect(shown(form)).toContain('Change Pass Phrase');
    expect(h.fake.views.stackOf(user.key)).toHaveLength(1);

    fillChange(user, { accountId: 'abc', current: STANDALONE.passPhrase, next: NEW_PHRASES.second });
    await user.submit();
    expect(Object.keys(user.lastErrors ?? {})).toEqual(['account_id']);

    fillChange(user, {
      accountId: STANDALONE.accountId,
      current: STANDALONE.passPhrase,
      next: NEW_PHRASES.second,
      again: NEW_PHRASES.first,
    });
    await user.submit();
    expect(Object.keys(user.lastErrors ?? {})).toEqual(['confirm_pass_phrase']);

    fillChange(user, {
      accountId: STANDALONE.accountId,
      current: STANDALONE.passPhrase,
      next: NEW_PHRASES.second,
    });
    await user.submit();
    const changed = await user.waitForView(page('changed'));
    expect(shown(changed)).toContain(STANDALONE.accountId);
    expect(phraseIs(STANDALONE.accountId, NEW_PHRASES.second)).toBe(true);

    await user.submit();
    expect(user.currentView()).toBeUndefined();
  });

  it('Cancel closes the standalone form and changes nothing', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0CANCEL' });
    await openWizard(user, 'passphrase');
    const calls = h.sim.calls.length;
    await user.close();
    expect(user.currentView()).toBeUndefined();
    expect(h.sim.calls.length).toBe(calls);
  });

  it('leaks none of the pass phrases involved', async () => {
    await expectNoLeaks(h, PHRASES);
  });
});
