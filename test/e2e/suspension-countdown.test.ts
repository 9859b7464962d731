import { describe, expect, it } from 'vitest';
import type { SimAccountSeed } from '../../src/endicia/simulator/index.ts';
import type { Harness } from '../helpers/bot-harness.ts';
import { holdsSecret, openWizard, personOf, submitLogin, useHarness } from './support.ts';

// The road to a suspension, through the real HTTP entry point and across a restart of the app: each refusal
// after the first says how many tries remain, the third holds typing and says until when, the hold survives
// the restart (the count is in the store), and the bot never sends the pass phrase that would be the fifth.
const ACCOUNT = {
  accountId: '2760001',
  passPhrase: 'Countdown <right> & "1" it\'s',
  balance: '40',
} as const satisfies SimAccountSeed;
const GUESSES = ['guess <one> & "a"', 'guess <two> & "b"', 'guess <three> & "c"'];

let h: Harness;
useHarness((started) => {
  h = started;
});

const statusCalls = () => h.sim.calls.filter((call) => call.op === 'GetAccountStatus').length;

describe('the road to a suspension', () => {
  it('counts down, holds after the third refusal, and keeps the hold across a restart', async () => {
    h.sim.addAccount(ACCOUNT);
    const alice = personOf(h, 'T1', 'U0COUNT');
    await openWizard(alice);

    await submitLogin(alice, { accountId: ACCOUNT.accountId, passPhrase: GUESSES[0] ?? '' });
    expect(alice.lastErrors?.['pass_phrase']).toContain('Five wrong tries in a row suspend the account.');

    await submitLogin(alice, { accountId: ACCOUNT.accountId, passPhrase: GUESSES[1] ?? '' });
    expect(alice.lastErrors?.['pass_phrase']).toContain(
      `That is 2 refusals in a row: 3 more wrong tries and Endicia suspends account ${ACCOUNT.accountId}.`,
    );

    await h.restart();

    // Someone else, after the restart: the count is the account's, not the person's or the process's.
    const bob = personOf(h, 'T1', 'U0COUNT2');
    await openWizard(bob);
    await submitLogin(bob, { accountId: ACCOUNT.accountId, passPhrase: GUESSES[2] ?? '' });
    const third = bob.lastErrors?.['pass_phrase'] ?? '';
    expect(third).toContain('That is 3 refusals in a row: 2 more wrong tries');
    expect(third).toMatch(/holds typed pass phrases for this account until \d\d:\d\d UTC/);
    expect(h.sim.account(ACCOUNT.accountId)?.badAttempts).toBe(3);

    // Held: even the right pass phrase is not sent now, and the field says when typing may resume.
    const sent = statusCalls();
    await submitLogin(bob, ACCOUNT);
    expect(bob.lastErrors?.['pass_phrase']).toMatch(/Typing may resume .*\d\d:\d\d UTC/);
    expect(statusCalls()).toBe(sent);
    expect(h.sim.account(ACCOUNT.accountId)?.badAttempts).toBe(3);
    expect(h.sim.account(ACCOUNT.accountId)?.status).toBe('active');

    const phrases = [ACCOUNT.passPhrase, ...GUESSES];
    expect(holdsSecret(h.logs.join('\n'), phrases)).toBe(false);
    expect(holdsSecret(JSON.stringify(h.fake.callsTo('views.update')), phrases)).toBe(false);
  });
});
