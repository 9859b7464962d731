import { type Actor, createActor, type Snapshot } from 'xstate';
import * as z from 'zod';
import { BusySnapshotError } from './errors.ts';
import { BUSY_STATES, WIZARD_STATES, type WizardInput } from './types.ts';
import type { WizardMachine, WizardSnapshot } from './wizard.machine.ts';

/** The stored form of a settled wizard; `v` changes whenever the context shape does. */
export interface PersistedWizard {
  v: 1;
  snapshot: unknown;
}

const busy: ReadonlySet<string> = new Set(BUSY_STATES);
const settledStates = WIZARD_STATES.filter((state) => !busy.has(state));

const persistedSchema = z.object({
  v: z.literal(1),
  snapshot: z.looseObject({
    status: z.literal('active'),
    value: z.enum(settledStates),
    context: z.looseObject({ sessionId: z.string() }),
    // A settled wizard runs no call; a stored child would be started again on restore.
    children: z.strictObject({}),
  }),
});

/**
 * The snapshot as plain JSON for the session store.
 *
 * @throws BusySnapshotError when the snapshot is busy: restoring it would start its call again, and for
 * a purchase that is a second charge.
 */
export function toPersisted(snapshot: WizardSnapshot): PersistedWizard {
  if (snapshot.hasTag('busy')) throw new BusySnapshotError(String(snapshot.value));
  return { v: 1, snapshot: snapshot.machine.getPersistedSnapshot(snapshot) };
}

/**
 * What a session holds while one of its turns runs a call somewhere: the settled page it left and the
 * event it was sent. Never restored (its call would start again); another instance renders the busy page
 * from it with a pure `transition`, so a click there shows "working…" instead of "expired".
 */
export interface BusyWizard {
  v: 1;
  busy: { from: PersistedWizard; event: unknown };
}

const busySchema = z.object({
  v: z.literal(1),
  busy: z.object({ from: z.unknown(), event: z.looseObject({ type: z.string() }) }),
});

/** The marker stored while `from` (settled) runs `event` into a busy state. */
export function toBusyMarker(from: WizardSnapshot, event: { type: string }): BusyWizard {
  return { v: 1, busy: { from: toPersisted(from), event } };
}

/** The marker's parts, or undefined when `stored` is not one. */
export function readBusyMarker(stored: unknown): { from: unknown; event: { type: string } } | undefined {
  const parsed = busySchema.safeParse(stored);
  return parsed.success ? parsed.data.busy : undefined;
}

/**
 * An unstarted actor continuing a persisted wizard, or undefined for anything that cannot be continued
 * safely: an unknown version, a malformed record, a finished wizard, or a busy state (or any running
 * child), which would start its call (a purchase) again.
 */
export function restoreActor(machine: WizardMachine, persisted: unknown): Actor<WizardMachine> | undefined {
  const record = persistedSchema.safeParse(persisted);
  if (!record.success) return undefined;
  // xstate ignores `input` when restoring a snapshot, but its types demand one for this machine.
  const snapshot = withOutcomeVocabulary(record.data.snapshot) as unknown as Snapshot<unknown>;
  const actor = createActor(machine, { snapshot, input: undefined as unknown as WizardInput });
  const restored = actor.getSnapshot();
  return restored.status === 'active' ? actor : undefined;
}

/**
 * Sessions stored before the purchase outcome took the journal's vocabulary said `applied` (Endicia
 * answered), `confirmed` (the balance proved it) or `uncertain`: read them in today's words.
 */
function withOutcomeVocabulary<T extends { context: Record<string, unknown> }>(snapshot: T): T {
  const purchase = snapshot.context['purchase'];
  if (typeof purchase !== 'object' || purchase === null || 'confirmedBy' in purchase) return snapshot;
  const { outcome } = purchase as { outcome?: unknown };
  const upgraded =
    outcome === 'applied'
      ? { outcome: 'confirmed', confirmedBy: 'endicia' }
      : outcome === 'confirmed'
        ? { outcome: 'confirmed', confirmedBy: 'balance' }
        : { outcome: outcome === 'uncertain' ? 'unconfirmed' : outcome, confirmedBy: null };
  return { ...snapshot, context: { ...snapshot.context, purchase: { ...purchase, ...upgraded } } };
}
