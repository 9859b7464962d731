import { describe, expect, it } from 'vitest';
import { BUSY_STATES, WIZARD_STATES, wizardMachine } from '../../src/machine/index.ts';

// The runner, the persistence guard and the bot's view table all key on WIZARD_STATES and BUSY_STATES,
// which are written by hand beside the machine. A state added, renamed or made busy in the statechart
// without updating those lists would be persisted mid-call (a restored 'purchasing' is a second charge)
// or rendered by no view. These tests read the lists off the machine itself.
const nodes = Object.values(wizardMachine.root.states);

/** A transient state (`always` only) is left in the same macrostep, so no snapshot ever rests in it. */
const isTransient = (node: (typeof nodes)[number]) =>
  node.always !== undefined && Object.keys(node.on).length === 0;

describe('the state lists match the statechart', () => {
  it('WIZARD_STATES is every state a snapshot can rest in', () => {
    const resting = nodes.filter((node) => !isTransient(node)).map((node) => node.key);
    expect([...resting].sort()).toEqual([...WIZARD_STATES].sort());
  });

  it("BUSY_STATES is exactly the states that invoke a call, and each is tagged 'busy'", () => {
    const invoking = nodes.filter((node) => node.invoke.length > 0).map((node) => node.key);
    const tagged = nodes.filter((node) => node.tags.includes('busy')).map((node) => node.key);
    expect([...invoking].sort()).toEqual([...BUSY_STATES].sort());
    expect([...tagged].sort()).toEqual([...BUSY_STATES].sort());
  });

  it('no busy state is final and every busy state has a way out on both done and error', () => {
    for (const key of BUSY_STATES) {
      const node = wizardMachine.root.states[key];
      expect(node?.type, key).not.toBe('final');
      const eventTypes = node?.invoke.flatMap((invoke) => [
        `xstate.done.actor.${invoke.id}`,
        `xstate.error.actor.${invoke.id}`,
      ]);
      for (const type of eventTypes ?? [])
        expect(Object.keys(node?.on ?? {}), `${key} handles ${type}`).toContain(type);
    }
  });
});
