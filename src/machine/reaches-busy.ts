import type { WizardMachine } from './wizard.machine.ts';

/**
 * Whether `type` sent in the settled state `value` can enter a busy state, read from the machine's
 * definition alone (no guard, action or actor runs): 'busy' when any candidate transition targets one —
 * even if its guard would refuse —, 'settled' when none does, null when the definition cannot tell
 * (nested or eventless targets, wildcard events, root-level transitions).
 *
 * NOTE: 'busy' may be pessimistic, never 'settled' wrongly: the runner deletes the stored page before a
 * call can start on the strength of it.
 */
export function reachesBusy(machine: WizardMachine, value: unknown, type: string): 'busy' | 'settled' | null {
  const node = typeof value === 'string' ? machine.root.states[value] : undefined;
  if (node === undefined || machine.root.transitions.size > 0) return null;
  // Wildcard and partial descriptors ('*', 'xstate.*') match more than their key: not read here.
  if ([...node.transitions.keys()].some((descriptor) => descriptor.includes('*'))) return null;
  let busy = false;
  for (const candidate of node.transitions.get(type) ?? []) {
    for (const target of candidate.target ?? []) {
      if (Object.keys(target.states).length > 0 || (target.always?.length ?? 0) > 0) return null;
      if (target.tags.includes('busy')) busy = true;
    }
  }
  return busy ? 'busy' : 'settled';
}
