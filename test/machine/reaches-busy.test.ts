import { describe, expect, it } from 'vitest';
import { createActor, transition } from 'xstate';
import { BUSY_STATES, WIZARD_STATES, type WizardEvent, wizardMachine } from '../../src/machine/index.ts';
import { reachesBusy } from '../../src/machine/reaches-busy.ts';
import { fakes, login, onDetails, provided, review, settled, wizardInput } from './fixtures.ts';

const EVENT_TYPES: ReadonlyArray<WizardEvent['type']> = [
  'LOGIN',
  'REVIEW',
  'CONFIRM',
  'BACK',
  'FINISH',
  'CANCEL',
  'OPEN_CHANGE',
  'CHANGE',
  'LOGOUT',
];
const busy: ReadonlySet<string> = new Set(BUSY_STATES);

describe('reachesBusy (where an event can lead, from the definition alone)', () => {
  it('says busy exactly for the events that start a call: login, confirm, change', () => {
    const found: string[] = [];
    for (const state of WIZARD_STATES.filter((s) => !busy.has(s) && s !== 'closed')) {
      for (const type of EVENT_TYPES) {
        const answer = reachesBusy(wizardMachine, state, type);
        expect(answer, `${state} ${type}`).not.toBeNull();
        if (answer === 'busy') found.push(`${state} ${type}`);
      }
    }
    expect(found.sort()).toEqual(['account LOGIN', 'changeForm CHANGE', 'confirming CONFIRM']);
  });

  it('agrees with the full pure transition along a real walk', async () => {
    const f = fakes();
    const actor = await onDetails(f);
    const machine = provided(f);
    const walk: WizardEvent[] = [review(), { type: 'BACK' }, review(), { type: 'CONFIRM' }];
    for (const event of walk) {
      const snapshot = actor.getSnapshot();
      const [next] = transition(machine, snapshot, event);
      expect(reachesBusy(machine, snapshot.value, event.type)).toBe(next.hasTag('busy') ? 'busy' : 'settled');
      actor.send(event);
      await settled(actor);
    }
    expect(actor.getSnapshot().value).toBe('done');
  });

  it('leaves to the full transition what the definition cannot tell', () => {
    expect(reachesBusy(wizardMachine, { nested: 'value' }, 'LOGIN')).toBeNull();
    expect(reachesBusy(wizardMachine, 'no-such-state', 'LOGIN')).toBeNull();
  });

  it('a login from the account page is busy in the definition and in the transition', () => {
    const f = fakes();
    const machine = provided(f);
    const actor = createActor(machine, { input: wizardInput() }).start();
    const [next] = transition(machine, actor.getSnapshot(), login());
    expect(next.hasTag('busy')).toBe(true);
    expect(reachesBusy(machine, 'account', 'LOGIN')).toBe('busy');
  });
});
