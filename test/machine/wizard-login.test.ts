import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { redact } from '../../src/lib/redact.ts';
import {
  type SaveRememberPreferenceInput,
  stateOf,
  type VerifyAccountInput,
  type VerifyAccountOutput,
  wizardMachine,
} from '../../src/machine/index.ts';
import { deferred, rejects } from '../helpers/fake-actors.ts';
import {
  ACCOUNT,
  accountView,
  failure,
  fakes,
  holdsSecret,
  login,
  onDetails,
  PHRASE,
  settled,
  startWizard,
  wizardInput,
} from './fixtures.ts';

describe('wizard: opening', () => {
  it('opens on the account page, prefilled from the remembered account', () => {
    const actor = startWizard(fakes(), wizardInput({ remembered: { accountId: ACCOUNT } }));
    const { context } = actor.getSnapshot();
    expect(stateOf(actor.getSnapshot())).toBe('account');
    expect([context.accountId, context.remember, context.reveal]).toEqual([ACCOUNT, true, false]);
  });

  it('opens empty without a remembered account', () => {
    const { context } = startWizard(fakes()).getSnapshot();
    expect([context.accountId, context.remember, context.credentials]).toEqual([null, false, null]);
  });

  it('opens the Change Pass Phrase form for /postage passphrase', () => {
    const actor = startWizard(fakes(), wizardInput({ entry: 'passphrase' }));
    expect(stateOf(actor.getSnapshot())).toBe('changeForm');
  });
});

describe('wizard: login', () => {
  it('verifies (busy), saves the preference (busy), then shows the details', async () => {
    const verify = deferred<VerifyAccountOutput, VerifyAccountInput>();
    const f = fakes({ verifyAccount: verify });
    const actor = startWizard(f);
    actor.send(login(PHRASE, true));
    expect(stateOf(actor.getSnapshot())).toBe('verifying');
    expect(actor.getSnapshot().hasTag('busy')).toBe(true);
    expect(redact(verify.calls[0])).toEqual({
      teamId: 'T1',
      userId: 'U1',
      accountId: ACCOUNT,
      passPhrase: '[redacted]',
    });
    expect(verify.calls[0]?.passPhrase === PHRASE).toBe(true);
    // The pass phrase rides in the call, not in the context.
    expect(holdsSecret(actor.getSnapshot().context)).toBe(false);

    verify.resolve({ credentials: { accountId: ACCOUNT, passPhrase: PHRASE }, status: accountView() });
    const snapshot = await settled(actor);
    expect(stateOf(snapshot)).toBe('details');
    expect(snapshot.context.credentials?.passPhrase === PHRASE).toBe(true);
    expect(snapshot.context.status).toEqual(accountView());
    expect(snapshot.context.failure).toBeNull();
    expect(f.saveRememberPreference.calls).toHaveLength(1);
    expect(redact(f.saveRememberPreference.calls[0])).toMatchObject({
      remember: true,
      status: accountView(),
    });
  });

  it('stops in remembering while the preference is saved', async () => {
    const save = deferred<void, SaveRememberPreferenceInput>();
    const actor = startWizard(fakes({ saveRememberPreference: save }));
    actor.send(login());
    await expect.poll(() => stateOf(actor.getSnapshot())).toBe('remembering');
    expect(actor.getSnapshot().hasTag('busy')).toBe(true);
    save.resolve();
    expect(stateOf(await settled(actor))).toBe('details');
  });

  it('remember ticked: remembers the account and says so', async () => {
    const actor = startWizard(fakes());
    actor.send(login(PHRASE, true));
    const { context } = await settled(actor);
    expect(context.remembered).toEqual({ accountId: ACCOUNT });
    expect(context.notice).toMatch(/remembered for next time/);
  });

  it('remember unticked: forgets what was remembered', async () => {
    const f = fakes();
    const actor = startWizard(f, wizardInput({ remembered: { accountId: ACCOUNT } }));
    actor.send(login(PHRASE, false));
    const { context } = await settled(actor);
    expect(f.saveRememberPreference.calls[0]?.remember).toBe(false);
    expect(context.remembered).toBeNull();
    expect(context.notice).toMatch(/forgotten/);
  });

  it('a failed remember keeps the login and shows a notice', async () => {
    const actor = startWizard(fakes({ saveRememberPreference: rejects(new Error('disk full')) }));
    actor.send(login(PHRASE, true));
    const snapshot = await settled(actor);
    expect(stateOf(snapshot)).toBe('details');
    expect(snapshot.context.credentials).not.toBeNull();
    expect(snapshot.context.failure).toBeNull();
    expect(snapshot.context.notice).toMatch(/could not be remembered/);
  });

  it.each([
    ['wrong pass phrase', failure('authentication', '12507', 'passPhrase'), 'passPhrase'],
    ['wrong pass phrase without a field', failure('authentication', '12507'), 'passPhrase'],
    ['unknown account', failure('authentication', '12101', 'accountId'), 'accountId'],
    ['suspended account', failure('account-state', '2012'), null],
  ] as const)('%s: back to the account page with the error on its field', async (_, rejection, field) => {
    const f = fakes({ verifyAccount: rejects(rejection) });
    const actor = startWizard(f);
    actor.send(login());
    const snapshot = await settled(actor);
    expect(stateOf(snapshot)).toBe('account');
    expect(snapshot.context.failure).toEqual({ ...rejection, field });
    expect(snapshot.context.credentials).toBeNull();
    expect(f.saveRememberPreference.calls).toHaveLength(0);
  });

  it('Endicia unavailable: back to the account page with a retryable message', async () => {
    const unavailable = {
      ...failure('unavailable', 'ENDICIA_UNAVAILABLE'),
      message: 'Endicia is unavailable, try again.',
    };
    const actor = startWizard(fakes({ verifyAccount: rejects(unavailable) }));
    actor.send(login());
    const { context } = await settled(actor);
    expect(context.failure).toEqual({ ...unavailable });
    expect(context.accountId).toBe(ACCOUNT);
  });

  it('an unexpected error becomes a generic internal failure that never quotes it', async () => {
    const actor = startWizard(
      fakes({ verifyAccount: rejects(new Error(`boom <PassPhrase>${PHRASE}</PassPhrase>`)) }),
    );
    actor.send(login());
    const { context } = await settled(actor);
    expect(context.failure?.kind).toBe('internal');
    expect(holdsSecret(context)).toBe(false);
  });

  it('an unprovided actor refuses to run (internal failure, no call anywhere)', async () => {
    const actor = createActor(wizardMachine, { input: wizardInput() }).start();
    actor.send(login());
    const snapshot = await settled(actor);
    expect(stateOf(snapshot)).toBe('account');
    expect(snapshot.context.failure?.kind).toBe('internal');
  });

  it.each([
    ['letters in the account number', { ...login(), accountId: '25A0001' }, 'accountId'],
    ['an empty pass phrase', login(''), 'passPhrase'],
    ['a 65-character pass phrase', login('x'.repeat(65)), 'passPhrase'],
    ['no pass phrase and nothing remembered', login(null), 'passPhrase'],
  ] as const)('rejects %s before any call', (_, event, field) => {
    const f = fakes();
    const actor = startWizard(f);
    actor.send(event);
    const { context } = actor.getSnapshot();
    expect(stateOf(actor.getSnapshot())).toBe('account');
    expect(context.failure?.kind).toBe('invalid');
    expect(context.failure?.field).toBe(field);
    expect(f.verifyAccount.calls).toHaveLength(0);
  });

  it('logs in with the remembered pass phrase (null) for the remembered account', async () => {
    const f = fakes();
    const actor = startWizard(f, wizardInput({ remembered: { accountId: ACCOUNT } }));
    actor.send(login(null, true));
    expect(stateOf(await settled(actor))).toBe('details');
    expect(f.verifyAccount.calls[0]?.passPhrase).toBeNull();
  });

  it('a new LOGIN clears the previous failure', async () => {
    const actor = startWizard(fakes());
    actor.send(login(''));
    expect(actor.getSnapshot().context.failure).not.toBeNull();
    actor.send(login());
    expect((await settled(actor)).context.failure).toBeNull();
  });

  it('CANCEL while verifying closes and aborts the read-only call', () => {
    const verify = deferred<VerifyAccountOutput, VerifyAccountInput>();
    const actor = startWizard(fakes({ verifyAccount: verify }));
    actor.send(login());
    actor.send({ type: 'CANCEL' });
    expect(actor.getSnapshot().status).toBe('done');
    expect(stateOf(actor.getSnapshot())).toBe('closed');
    expect(verify.signals[0]?.aborted).toBe(true);
  });

  it('ignores a second LOGIN while verifying', () => {
    const verify = deferred<VerifyAccountOutput, VerifyAccountInput>();
    const actor = startWizard(fakes({ verifyAccount: verify }));
    actor.send(login());
    actor.send(login());
    expect(verify.calls).toHaveLength(1);
    expect(stateOf(actor.getSnapshot())).toBe('verifying');
  });

  it('LOGOUT from the details page forgets the session credentials', async () => {
    const actor = await onDetails(fakes());
    actor.send({ type: 'LOGOUT' });
    const { context } = actor.getSnapshot();
    expect(stateOf(actor.getSnapshot())).toBe('account');
    expect([context.credentials, context.status, context.purchase]).toEqual([null, null, null]);
    // "Use another account" really is another account: nothing prefilled, Remember unticked.
    expect([context.accountId, context.remembered, context.remember, context.reveal]).toEqual([
      null,
      null,
      false,
      false,
    ]);
  });

  it('OPEN_CHANGE carries a typed account number into the form; something that is not one is ignored', () => {
    const actor = startWizard(fakes());
    actor.send({ type: 'OPEN_CHANGE', accountId: ' 2500009 ' });
    expect(actor.getSnapshot().context.accountId).toBe('2500009');
    const other = startWizard(fakes());
    other.send({ type: 'OPEN_CHANGE', accountId: 'not digits' });
    expect(stateOf(other.getSnapshot())).toBe('changeForm');
    expect(other.getSnapshot().context.accountId).toBeNull();
  });

  it('CANCEL on the account page closes', () => {
    const actor = startWizard(fakes());
    actor.send({ type: 'CANCEL' });
    expect(stateOf(actor.getSnapshot())).toBe('closed');
  });
});
