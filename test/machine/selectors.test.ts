import { describe, expect, it } from 'vitest';
import { failureOf, fieldErrorOf, isBusy, isClosed, stateOf } from '../../src/machine/index.ts';
import { deferred } from '../helpers/fake-actors.ts';
import { fakes, login, startWizard } from './fixtures.ts';

describe('selectors', () => {
  it('read the page, busy and closed flags', () => {
    const actor = startWizard(fakes({ verifyAccount: deferred() }));
    let snapshot = actor.getSnapshot();
    expect([stateOf(snapshot), isBusy(snapshot), isClosed(snapshot)]).toEqual(['account', false, false]);
    actor.send(login());
    snapshot = actor.getSnapshot();
    expect([stateOf(snapshot), isBusy(snapshot), isClosed(snapshot)]).toEqual(['verifying', true, false]);
    actor.send({ type: 'CANCEL' });
    snapshot = actor.getSnapshot();
    expect([stateOf(snapshot), isBusy(snapshot), isClosed(snapshot)]).toEqual(['closed', false, true]);
  });

  it('read a field failure', () => {
    const actor = startWizard(fakes());
    expect([failureOf(actor.getSnapshot()), fieldErrorOf(actor.getSnapshot())]).toEqual([null, null]);
    actor.send(login(''));
    expect(fieldErrorOf(actor.getSnapshot())).toEqual({
      field: 'passPhrase',
      message: 'Enter the pass phrase.',
    });
    expect(failureOf(actor.getSnapshot())?.kind).toBe('invalid');
  });
});
