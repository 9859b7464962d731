import { describe, expect, it } from 'vitest';
import { ACCOUNTS, type Harness } from '../helpers/bot-harness.ts';
import { eventually, loggedIn, openWizard, shown, useHarness } from './support.ts';

// The block is per account: a colleague's stale remembered phrase, refused once, stops every unattended
// use of the account — the owner's `/postage balance` and the Reveal button included — until someone
// logs in to it through the wizard.
const MAIN = ACCOUNTS.main;

let h: Harness;
useHarness((started) => {
  h = started;
});

const statusCalls = () => h.sim.calls.filter((call) => call.op === 'GetAccountStatus').length;

describe('one refusal blocks the account for everyone', () => {
  it('the owner’s balance and Reveal stay unused after a colleague’s stale phrase is refused, until a login', async () => {
    const owner = h.driver.user({ teamId: 'T1', userId: 'U0OWNER', channelId: 'C0OWNER' });
    await loggedIn(owner, MAIN, { remember: true });
    await owner.close();
    const alertSet = await owner.command('/postage', 'alerts 5');
    expect(JSON.stringify(alertSet.body)).not.toContain('Paused');
    await eventually(
      async () => Boolean((await h.running.store.alerts.get('T1', 'C0OWNER'))?.lastCheckedAt),
      'the alert’s first check',
    );
    await h.running.store.credentials.set('T1', 'U0STALE', {
      accountId: MAIN.accountId,
      passPhrase: 'an old <stale> pass phrase',
      savedAt: new Date().toISOString(),
      monitorBlockedAt: null,
    });
    const colleague = h.driver.user({ teamId: 'T1', userId: 'U0STALE', channelId: 'C0STALE' });
    await colleague.command('/postage', 'balance');
    expect(h.sim.account(MAIN.accountId)?.badAttempts).toBe(1);
    const calls = statusCalls();

    // The owner's own login was never refused, but the account is blocked: nothing is sent.
    const balance = await owner.command('/postage', 'balance');
    expect(JSON.stringify(balance.body)).toContain('five wrong pass phrases');
    expect(statusCalls()).toBe(calls);
    // The owner's alert shows paused too: why, and that anyone's wizard login fixes it.
    const alerts = JSON.stringify((await owner.command('/postage', 'alerts')).body);
    expect(alerts).toContain('Paused: not checked');
    expect(alerts).toContain(`Endicia refused a pass phrase for account ${MAIN.accountId}`);
    expect(alerts).toContain('Anyone who knows the account');

    await openWizard(owner);
    expect(JSON.stringify(owner.currentView())).not.toContain('Make pass phrase visible');
    // No Reveal to click: the blocked account's remembered phrase is not offered (the handler refuses too).
    expect(shown(owner.currentView())).not.toContain('pass_phrase_shown');
    await owner.close();

    // A login through the wizard reopens the account.
    await loggedIn(owner, MAIN, { remember: true });
    await owner.close();
    const after = await owner.command('/postage', 'balance');
    expect(JSON.stringify(after.body)).toContain(MAIN.accountId);
    expect(JSON.stringify(after.body)).not.toContain('five wrong pass phrases');
    expect(h.sim.account(MAIN.accountId)?.badAttempts).toBe(0);
    expect(JSON.stringify((await owner.command('/postage', 'alerts')).body)).not.toContain('Paused');
  });
});
