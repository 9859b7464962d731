import { createKeyedMutex } from '../lib/keyed-mutex.ts';
import type { EncryptedRecords } from './encrypted-records.ts';
import { AlertSubscriptionSchema, checked } from './schemas.ts';
import { createSortedIndex } from './sorted-index.ts';
import type { AlertStore, AlertSubscription } from './types.ts';

// No cap: a subscription missing from the index would silently never be checked. (One record per
// workspace-wide list is fine for thousands of channels; a sharded index is the step after that.)
const INDEX_LIMIT = Number.POSITIVE_INFINITY;
const ALL = ['all'];

/**
 * Alert subscriptions at `alert:<team>:<channel>`, plus two indices (all; per team and owner) so
 * the monitor's sweep and `/postage alerts` never scan the store. Writes are serialized per channel.
 */
export function createAlertStore(records: EncryptedRecords): AlertStore {
  const index = createSortedIndex(records, 'alert-index', INDEX_LIMIT);
  const perChannel = createKeyedMutex();
  const get = (teamId: string, channelId: string) =>
    records.get('alert', [teamId, channelId], AlertSubscriptionSchema);
  const byOwner = (teamId: string, ownerUserId: string) => ['owner', teamId, ownerUserId];

  const load = async (refs: string[][]): Promise<AlertSubscription[]> => {
    const subs = await Promise.all(refs.map(([teamId = '', channelId = '']) => get(teamId, channelId)));
    return subs.filter((sub) => sub !== undefined);
  };

  const remove = (teamId: string, channelId: string) =>
    perChannel.run(JSON.stringify([teamId, channelId]), async () => {
      const ref = [teamId, channelId];
      const previous = await get(teamId, channelId);
      const existed = await records.delete('alert', ref);
      await index.remove(ALL, ref);
      if (previous) await index.remove(byOwner(teamId, previous.ownerUserId), ref);
      return existed;
    });

  return {
    get,
    put: (sub) =>
      perChannel.run(JSON.stringify([sub.teamId, sub.channelId]), async () => {
        const ref = [sub.teamId, sub.channelId];
        const previous = await get(sub.teamId, sub.channelId);
        const value = checked(AlertSubscriptionSchema, sub, 'alert subscription');
        // The monitor re-puts every subscription each sweep; only a new or re-owned one touches the indices.
        if (previous?.ownerUserId !== sub.ownerUserId || previous.createdAt !== sub.createdAt) {
          // NOTE: indices first, the record last: when the disk fills up in between, an index entry
          // without its record is skipped when read, while a record missing from the index would say
          // "alerts below $50.00" in the channel and never be checked.
          const entry = { ref, at: sub.createdAt };
          await index.add(ALL, entry);
          await index.add(byOwner(sub.teamId, sub.ownerUserId), entry);
        }
        await records.set('alert', ref, value);
        if (previous && previous.ownerUserId !== sub.ownerUserId) {
          await index.remove(byOwner(previous.teamId, previous.ownerUserId), ref).catch(() => undefined);
        }
      }),
    delete: remove,
    list: async () => load((await index.read(ALL)).map((entry) => entry.ref)),
    async listPage(after, limit) {
      // The keyv index is one record: paging is a slice of it (the SQL table pages for real).
      const refs = (await index.read(ALL)).map((entry) => entry.ref);
      const start = after === null ? 0 : refs.findIndex((ref) => JSON.stringify(ref) === after) + 1;
      const slice = refs.slice(start, start + limit);
      const last = slice.at(-1);
      return {
        subs: await load(slice),
        next: start + limit < refs.length && last !== undefined ? JSON.stringify(last) : null,
      };
    },
    listByAccount: async (teamId, accountId) =>
      (await load((await index.read(ALL)).map((entry) => entry.ref))).filter(
        (sub) => sub.teamId === teamId && sub.accountId === accountId,
      ),
    replace: (expected, next) =>
      perChannel.run(JSON.stringify([expected.teamId, expected.channelId]), async () => {
        const current = await get(expected.teamId, expected.channelId);
        if (current === undefined || !sameMoment(current, expected)) return false;
        await records.set(
          'alert',
          [next.teamId, next.channelId],
          checked(AlertSubscriptionSchema, next, 'alert subscription'),
        );
        return true;
      }),
    async deleteTeam(teamId) {
      const refs = (await index.read(ALL)).map((entry) => entry.ref).filter(([team]) => team === teamId);
      let deleted = 0;
      for (const [team = '', channelId = ''] of refs) if (await remove(team, channelId)) deleted += 1;
      return deleted;
    },
    async listByOwner(teamId, ownerUserId) {
      const subs = await load((await index.read(byOwner(teamId, ownerUserId))).map((entry) => entry.ref));
      return subs.filter((sub) => sub.ownerUserId === ownerUserId);
    },
  };
}

/** What `replace` compares: the alert transitions (threshold and runway) and who handles the alert. */
function sameMoment(a: AlertSubscription, b: AlertSubscription): boolean {
  return (
    a.state === b.state &&
    a.alertMessageTs === b.alertMessageTs &&
    (a.acknowledgedAt ?? null) === (b.acknowledgedAt ?? null) &&
    (a.snoozedUntil ?? null) === (b.snoozedUntil ?? null) &&
    (a.runwayState ?? 'armed') === (b.runwayState ?? 'armed') &&
    (a.escalatedAt ?? null) === (b.escalatedAt ?? null)
  );
}
