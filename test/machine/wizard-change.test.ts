import { describe, expect, it } from 'vitest';
import { redact } from '../../src/lib/redact.ts';
import { type ChangePassPhraseInput, stateOf } from '../../src/machine/index.ts';
import { deferred, rejects } from '../helpers/fake-actors.ts';
import {
  ACCOUNT,
  failure,
  fakes,
  NEW_PHRASE,
  onDetails,
  PHRASE,
  review,
  settled,
  startWizard,
  wizardInput,
} from './fixtures.ts';

const change = (overrides: { accountId?: string; currentPassPhrase?: string; newPassPhrase?: string } = {}) =>
  ({
    type: 'CHANGE',
    accountId: ACCOUNT,
    currentPassPhrase: PHRASE,
    newPassPhrase: NEW_PHRASE,
    ...overrides,
  }) as const;

describe('wizard: change pass phrase from the account page', () => {
  it('changes (busy), then logs in with the new pass phrase without retyping it, notice kept', async () => {
    const call = deferred<void, ChangePassPhraseInput>();
    const f = fakes({ changePassPhrase: call });
    const actor = startWizard(f);
    actor.send({ type: 'OPEN_CHANGE' });
    expect(stateOf(actor.getSnapshot())).toBe('changeForm');
    actor.send(change());
    expect(stateOf(actor.getSnapshot())).toBe('changing');
    expect(actor.getSnapshot().hasTag('busy')).toBe(true);
    expect(redact(call.calls[0])).toEqual({
      teamId: 'T1',
      userId: 'U1',
      accountId: ACCOUNT,
      currentPassPhrase: '[redacted]',
      newPassPhrase: '[redacted]',
    });
    expect(call.calls[0]?.currentPassPhrase === PHRASE && call.calls[0]?.newPassPhrase === NEW_PHRASE).toBe(
      true,
    );
    // Not logged in: no session credentials; the new phrase is held only while busy (never persisted).
    expect(actor.getSnapshot().context.credentials).toBeNull();

    actor.send({ type: 'CANCEL' });
    expect(stateOf(actor.getSnapshot())).toBe('changing');
    call.resolve();
    const snapshot = await settled(actor);
    expect(stateOf(snapshot)).toBe('details');
    expect(snapshot.context.notice).toContain(
      `The pass phrase of account ${ACCOUNT} was changed. Update every other app that uses this account.`,
    );
    expect(snapshot.context.accountId).toBe(ACCOUNT);
    expect(snapshot.context.pendingPassPhrase).toBeNull();
    expect(f.verifyAccount.calls).toHaveLength(1);
    expect(f.verifyAccount.calls[0]?.accountId).toBe(ACCOUNT);
    expect(f.verifyAccount.calls[0]?.passPhrase === NEW_PHRASE).toBe(true);
  });

  it.each([
    [
      '12507 (wrong current pass phrase)',
      failure('authentication', '12507', 'passPhrase'),
      'currentPassPhrase',
    ],
    ['12507 without a field', failure('authentication', '12507'), 'currentPassPhrase'],
    ['12669 (pass phrase reused)', failure('pass-phrase-reused', '12669'), 'newPassPhrase'],
    ['12101 (unknown account)', failure('authentication', '12101', 'accountId'), 'accountId'],
    ['unavailable', failure('unavailable', 'ENDICIA_UNAVAILABLE'), null],
  ] as const)('%s: back to the form with the error on its field', async (_, rejection, field) => {
    const actor = startWizard(fakes({ changePassPhrase: rejects(rejection) }));
    actor.send({ type: 'OPEN_CHANGE' });
    actor.send(change());
    const snapshot = await settled(actor);
    expect(stateOf(snapshot)).toBe('changeForm');
    expect(snapshot.context.failure).toEqual({ ...rejection, field });
  });

  it.each([
    ['a new pass phrase under 5 characters', change({ newPassPhrase: 'abcd' }), 'newPassPhrase'],
    ['a new pass phrase over 64 characters', change({ newPassPhrase: 'x'.repeat(65) }), 'newPassPhrase'],
    ['the same pass phrase again', change({ newPassPhrase: PHRASE }), 'newPassPhrase'],
    ['an empty current pass phrase', change({ currentPassPhrase: '' }), 'currentPassPhrase'],
    ['a bad account number', change({ accountId: 'abc' }), 'accountId'],
  ] as const)('rejects %s before any call', (_, event, field) => {
    const f = fakes();
    const actor = startWizard(f);
    actor.send({ type: 'OPEN_CHANGE' });
    actor.send(event);
    expect(stateOf(actor.getSnapshot())).toBe('changeForm');
    expect(actor.getSnapshot().context.failure).toMatchObject({ kind: 'invalid', field });
    expect(f.changePassPhrase.calls).toHaveLength(0);
  });

  it('BACK returns to the account page; CANCEL closes', () => {
    const actor = startWizard(fakes());
    actor.send({ type: 'OPEN_CHANGE' });
    actor.send({ type: 'BACK' });
    expect(stateOf(actor.getSnapshot())).toBe('account');
    actor.send({ type: 'OPEN_CHANGE' });
    actor.send({ type: 'CANCEL' });
    expect(stateOf(actor.getSnapshot())).toBe('closed');
  });
});

describe('wizard: change pass phrase while logged in', () => {
  it('replaces the session credentials, so the next purchase uses the new pass phrase', async () => {
    const f = fakes();
    const actor = await onDetails(f);
    actor.send({ type: 'OPEN_CHANGE' });
    actor.send(change());
    const snapshot = await settled(actor);
    expect(stateOf(snapshot)).toBe('details');
    expect(snapshot.context.credentials?.passPhrase === NEW_PHRASE).toBe(true);
    expect(snapshot.context.pendingPassPhrase).toBeNull();

    actor.send(review());
    actor.send({ type: 'CONFIRM' });
    await settled(actor);
    expect(f.buyPostage.calls[0]?.credentials.passPhrase === NEW_PHRASE).toBe(true);
  });

  it('leaves the session credentials alone when another account is changed', async () => {
    const actor = await onDetails(fakes());
    actor.send({ type: 'OPEN_CHANGE' });
    actor.send(change({ accountId: '2500002' }));
    expect(actor.getSnapshot().context.pendingPassPhrase).toBeNull();
    const snapshot = await settled(actor);
    expect(snapshot.context.credentials?.passPhrase === PHRASE).toBe(true);
  });

  it('a failed change keeps the old credentials and drops the pending one', async () => {
    const actor = await onDetails(
      fakes({ changePassPhrase: rejects(failure('pass-phrase-reused', '12669')) }),
    );
    actor.send({ type: 'OPEN_CHANGE' });
    actor.send(change());
    const { context } = await settled(actor);
    expect(context.credentials?.passPhrase === PHRASE).toBe(true);
    expect(context.pendingPassPhrase).toBeNull();
  });

  it('BACK returns to the details page', async () => {
    const actor = await onDetails(fakes());
    actor.send({ type: 'OPEN_CHANGE' });
    actor.send({ type: 'BACK' });
    expect(stateOf(actor.getSnapshot())).toBe('details');
  });
});

describe('wizard: /postage passphrase', () => {
  const input = wizardInput({ entry: 'passphrase' });

  it('success shows the changed page; FINISH closes', async () => {
    const actor = startWizard(fakes(), input);
    actor.send(change());
    const snapshot = await settled(actor);
    expect(stateOf(snapshot)).toBe('changed');
    expect(snapshot.context.notice).toMatch(/was changed/);
    actor.send({ type: 'FINISH' });
    expect(stateOf(actor.getSnapshot())).toBe('closed');
  });

  it.each(['BACK', 'CANCEL'] as const)('%s closes', (type) => {
    const actor = startWizard(fakes(), input);
    actor.send({ type });
    expect(stateOf(actor.getSnapshot())).toBe('closed');
  });
});
