import type { IdFactory } from './ids.ts';
import type { UserKey } from './user-key.ts';

/** Slack's trigger lifetime (slack-platform.md §1.1). */
export const TRIGGER_TTL_MS = 3000;

/** Outcome of exchanging a trigger id, named after the Slack error it produces. */
export type TriggerUse =
  | { ok: true; userKey: UserKey }
  | { ok: false; error: 'expired_trigger_id' | 'invalid_trigger' };

/** Trigger ids: issued for one person, valid for 3 s on the injected clock, usable once. */
export interface TriggerBook {
  issue(key: UserKey): string;
  use(triggerId: string): TriggerUse;
  /** Whose trigger it is (used or not), without using it. */
  ownerOf(triggerId: string): UserKey | undefined;
  reset(): void;
}

/** Creates the trigger book. */
export function createTriggerBook(ids: IdFactory, now: () => number, ttlMs = TRIGGER_TTL_MS): TriggerBook {
  const issued = new Map<string, { userKey: UserKey; at: number; used: boolean }>();
  return {
    issue: (key) => {
      const id = ids.triggerId();
      issued.set(id, { userKey: key, at: now(), used: false });
      return id;
    },
    use: (triggerId) => {
      const entry = issued.get(triggerId);
      if (entry === undefined) return { ok: false, error: 'invalid_trigger' };
      // NOTE: Slack answers expired_trigger_id for both stale and already-exchanged triggers in practice [L].
      if (entry.used || now() - entry.at > ttlMs) return { ok: false, error: 'expired_trigger_id' };
      entry.used = true;
      return { ok: true, userKey: entry.userKey };
    },
    ownerOf: (triggerId) => issued.get(triggerId)?.userKey,
    reset: () => issued.clear(),
  };
}
