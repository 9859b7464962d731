import { type Actor, createActor, transition, waitFor } from 'xstate';
import { createKeyedMutex } from '../lib/keyed-mutex.ts';
import { SettleTimeoutError, WizardFailedError } from './errors.ts';
import {
  type BusyWizard,
  type PersistedWizard,
  readBusyMarker,
  restoreActor,
  toBusyMarker,
  toPersisted,
} from './persistence.ts';
import { reachesBusy } from './reaches-busy.ts';
import type { WizardEvent, WizardInput } from './types.ts';
import type { WizardMachine, WizardSnapshot } from './wizard.machine.ts';

/** Where settled wizard snapshots live between turns (the store's session table, encrypted). */
export interface SnapshotPort {
  load(sessionId: string): Promise<unknown | undefined>;
  save(sessionId: string, persisted: PersistedWizard | BusyWizard, ttlMs: number): Promise<void>;
  delete(sessionId: string): Promise<void>;
}

/**
 * One turn at a time per session across every instance sharing the store (a lease in the app). The
 * in-process mutex stays the first layer; this one is taken after it.
 */
export interface TurnLockPort {
  /** Waits until no other instance runs a turn of `sessionId`; resolves with the release. */
  acquire(sessionId: string): Promise<() => Promise<void>>;
  /** Whether another instance runs a turn of `sessionId` right now. */
  heldElsewhere(sessionId: string): Promise<boolean>;
}

export interface WizardRunnerOptions {
  /** The provided machine (real actors in the app, fakes in tests). */
  machine: WizardMachine;
  port: SnapshotPort;
  /** How long an untouched session is kept. */
  ttlMs: number;
  /** Must exceed the Endicia timeout, so a busy turn always settles first. */
  settleTimeoutMs: number;
  /** Several instances on one store: their turns of one session take turns too. Absent = one process. */
  lock?: TurnLockPort;
}

/** A turn's first snapshot (ack Slack with it) and the one it settles on (views.update with it). */
export interface TurnResult {
  immediate: WizardSnapshot;
  /** Rejects with SettleTimeoutError, WizardFailedError or a port error. Always resolves or rejects. */
  settled: Promise<WizardSnapshot>;
}

/** Runs the wizard one Slack interaction (one event) at a time. */
export interface WizardRunner {
  /** Creates a session from `input` and persists its first page. */
  start(input: WizardInput): Promise<WizardSnapshot>;
  /**
   * Sends one event to a session once its earlier turns have settled (a busy session delays this call
   * until its call ends: peek first to answer Slack in time). `missing` when nothing can be continued.
   * Rejects with WizardFailedError (session discarded) or a port error.
   */
  send(sessionId: string, event: WizardEvent): Promise<TurnResult | { missing: true }>;
  /** The session's current snapshot (a live busy one if a call is running), without sending anything. */
  peek(sessionId: string): Promise<WizardSnapshot | undefined>;
  /** Resolves when no turn is in flight: every started purchase has settled and been persisted. */
  drain(): Promise<void>;
}

type WizardActor = Actor<WizardMachine>;

/**
 * The turn runner: restore → send → persist settled snapshots only → stop.
 *
 * NOTE: while a turn is busy the session has no restorable snapshot. Before the event that starts a call
 * is sent, the stored page is replaced by a busy marker (the page it left and the event), which is never
 * restored: a crash mid-purchase leaves a dead session, never a 'confirming' page whose Confirm would buy
 * a second time. Other instances only render the marker's busy page while this one holds the turn lock.
 */
export function createWizardRunner(options: WizardRunnerOptions): WizardRunner {
  const { machine, port, ttlMs, settleTimeoutMs } = options;
  const mutex = createKeyedMutex();
  const turns = options.lock;
  /** The in-process mutex, then (with several instances) the session's turn lock. */
  const lock = {
    async acquire(sessionId: string): Promise<() => void> {
      const release = await mutex.acquire(sessionId);
      if (turns === undefined) return release;
      let releaseTurn: () => Promise<void>;
      try {
        releaseTurn = await turns.acquire(sessionId);
      } catch (error) {
        release();
        throw error;
      }
      return () => {
        // The next local turn waits for the shared release too: no other instance slips in between.
        void releaseTurn()
          .catch(() => undefined)
          .finally(release);
      };
    },
    idle: () => mutex.idle(),
  };
  const live = new Map<string, WizardActor>();

  async function persist(sessionId: string, snapshot: WizardSnapshot): Promise<void> {
    if (snapshot.status === 'done') await port.delete(sessionId);
    else await port.save(sessionId, toPersisted(snapshot), ttlMs);
  }

  async function fail(sessionId: string): Promise<never> {
    await port.delete(sessionId);
    throw new WizardFailedError(sessionId);
  }

  function observed(actor: WizardActor): WizardActor {
    // A machine error is read from the snapshot's status; without an error observer xstate rethrows it
    // globally and would take every other session (and purchase) down with it.
    actor.subscribe({ error: () => {} });
    return actor;
  }

  // (state, event type) → where the event can lead, read once from the machine's definition.
  const reachable = new Map<string, 'busy' | 'settled' | null>();

  /**
   * Where `event` would take the wizard, computed without running anything; 'broken' if the machine throws.
   * From the machine's definition when that decides (see reachesBusy); else a full pure transition, which
   * costs as much as the turn itself (issue 17: it was the runner's largest cost under a burst).
   */
  function predict(actor: WizardActor, event: WizardEvent): 'busy' | 'settled' | 'broken' {
    const snapshot = actor.getSnapshot();
    const key = `${String(snapshot.value)}|${event.type}`;
    let known = reachable.get(key);
    if (known === undefined) {
      known = reachesBusy(machine, snapshot.value, event.type);
      reachable.set(key, known);
    }
    if (known !== null) return known;
    try {
      const [next] = transition(machine, actor.getSnapshot(), event);
      return next.hasTag('busy') ? 'busy' : 'settled';
    } catch {
      return 'broken';
    }
  }

  /** Waits for the busy actor to settle, persists that, then frees the session. Never stops it early. */
  function settleLater(sessionId: string, actor: WizardActor, release: () => void): Promise<WizardSnapshot> {
    // waitFor rejects only when the machine itself errors.
    const finished = waitFor(actor, (snapshot) => !snapshot.hasTag('busy'))
      .then(
        async (snapshot) => {
          await persist(sessionId, snapshot);
          return snapshot;
        },
        () => fail(sessionId),
      )
      .finally(() => {
        actor.stop();
        live.delete(sessionId);
        release();
      });
    const settled = new Promise<WizardSnapshot>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new SettleTimeoutError(sessionId, settleTimeoutMs)),
        settleTimeoutMs,
      );
      finished.then(resolve, reject).finally(() => clearTimeout(timer));
    });
    // A caller that drops `settled` must not crash the process (and with it other sessions' purchases).
    settled.catch(() => {});
    return settled;
  }

  return {
    async start(input) {
      const release = await lock.acquire(input.sessionId);
      try {
        const actor = observed(createActor(machine, { input }));
        actor.start();
        const snapshot = actor.getSnapshot();
        actor.stop();
        await persist(input.sessionId, snapshot);
        return snapshot;
      } finally {
        release();
      }
    },

    async send(sessionId, event) {
      const release = await lock.acquire(sessionId);
      let handedOver = false;
      try {
        const actor = restoreActor(machine, await port.load(sessionId));
        if (actor === undefined) return { missing: true };
        // If this event starts a call, remove the stored page before the call can begin.
        const next = predict(actor, event);
        if (next === 'broken') return await fail(sessionId);
        if (next === 'busy') {
          // Visible to peek() from now on: between replacing the stored page and the call starting, a second
          // click must see this session (and then its working page), not a missing one.
          live.set(sessionId, actor);
          try {
            await port.save(sessionId, toBusyMarker(actor.getSnapshot(), event), ttlMs);
          } catch (error) {
            live.delete(sessionId);
            throw error;
          }
        }
        observed(actor).start();
        actor.send(event);
        const immediate = actor.getSnapshot();
        // Defensive: predict() has already met every throw the transition itself could raise.
        if (immediate.status === 'error') return await fail(sessionId);
        if (immediate.hasTag('busy')) {
          live.set(sessionId, actor);
          handedOver = true;
          return { immediate, settled: settleLater(sessionId, actor, release) };
        }
        actor.stop();
        await persist(sessionId, immediate);
        return { immediate, settled: Promise.resolve(immediate) };
      } finally {
        // A busy turn keeps the session locked (and live) until settleLater releases it.
        if (!handedOver) {
          live.delete(sessionId);
          release();
        }
      }
    },

    async peek(sessionId) {
      const running = live.get(sessionId);
      if (running !== undefined) return running.getSnapshot();
      const stored = await port.load(sessionId);
      const marker = readBusyMarker(stored);
      if (marker === undefined) return restoreActor(machine, stored)?.getSnapshot();
      // Busy at another instance: its working page. Busy with nobody holding the turn: a crash ended it.
      if (!(await turns?.heldElsewhere(sessionId))) return undefined;
      const from = restoreActor(machine, marker.from);
      if (from === undefined) return undefined;
      try {
        return transition(machine, from.getSnapshot(), marker.event as WizardEvent)[0];
      } catch {
        return undefined;
      }
    },

    drain: () => lock.idle(),
  };
}
