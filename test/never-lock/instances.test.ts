import { describe, expect, it } from 'vitest';
import { EndiciaApiError } from '../../src/endicia/index.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { createRememberedLogins, type RememberedLogins } from '../../src/never-lock/index.ts';
import type { Store } from '../../src/store/index.ts';
import { fakeNotifier, login, memoryStore, PHRASE_A, seed, subscription, TEAM } from '../alerts/helpers.ts';

// Three instances = three never-lock modules (each its own mutex and memory) over one store's guards,
// leases and once-marks.
const ACCOUNT = '2500001';

function instance(store: Store, id: string, notifier: ReturnType<typeof fakeNotifier>['notifier']) {
  return createRememberedLogins({
    credentials: store.credentials,
    guards: store.accountGuards,
    alerts: store.alerts,
    notifier,
    logger: silentLogger,
    now: () => new Date(),
    shared: { leases: store.leases, once: store.once, instanceId: id, leaseTtlMs: 30_000, waitMs: 30_000 },
  });
}

describe('never lock the account, across instances', () => {
  it('three instances, three owners of a stale phrase: one failed login in total, owners told once', async () => {
    const store = await memoryStore();
    const owners = ['U1', 'U2', 'U3'];
    await seed(
      store,
      Object.fromEntries(owners.map((userId) => [userId, login(ACCOUNT, PHRASE_A)])),
      owners.map((ownerUserId, i) => subscription({ channelId: `C${i}`, ownerUserId, accountId: ACCOUNT })),
    );
    const told = fakeNotifier();
    const instances: RememberedLogins[] = ['A', 'B', 'C'].map((id) => instance(store, id, told.notifier));
    let sent = 0;
    let inFlight = 0;
    let overlapped = false;
    const refuse = async () => {
      sent += 1;
      inFlight += 1;
      if (inFlight > 1) overlapped = true;
      await new Promise((resolve) => setTimeout(resolve, 30));
      inFlight -= 1;
      throw new EndiciaApiError('GetAccountStatus', 12507, 'wrong pass phrase');
    };
    // Every instance uses every owner's login at once (three sweeps, first checks, re-checks…).
    const uses = instances.flatMap((remembered) =>
      owners.map((userId) => remembered.useRemembered(TEAM, userId, ACCOUNT, refuse)),
    );
    const outcomes = await Promise.all(uses);
    await Promise.all(instances.map((remembered) => remembered.drain()));

    expect(sent).toBe(1);
    expect(overlapped).toBe(false);
    expect(outcomes.filter((use) => use.kind === 'failed')).toHaveLength(1);
    expect(outcomes.filter((use) => use.kind === 'blocked')).toHaveLength(8);
    // One notice per owner, each once.
    expect(told.notices.map((notice) => notice.userId).sort()).toEqual(owners);
    expect(await store.leases.holder(`account:${TEAM}:${ACCOUNT}`)).toBeUndefined();
  });

  it('a gate that cannot be taken sends nothing', async () => {
    const store = await memoryStore();
    await seed(store, { U1: login(ACCOUNT) }, []);
    await store.leases.acquire(`account:${TEAM}:${ACCOUNT}`, 'someone-else', 60_000);
    const remembered = createRememberedLogins({
      credentials: store.credentials,
      guards: store.accountGuards,
      alerts: store.alerts,
      notifier: fakeNotifier().notifier,
      logger: silentLogger,
      now: () => new Date(),
      shared: { leases: store.leases, once: store.once, instanceId: 'A', leaseTtlMs: 30_000, waitMs: 50 },
    });
    let sent = 0;
    const use = await remembered.useRemembered(TEAM, 'U1', ACCOUNT, async () => {
      sent += 1;
    });
    expect(use.kind).toBe('failed');
    expect(sent).toBe(0);
    await expect(
      remembered.useTyped(TEAM, 'U1', { accountId: ACCOUNT, passPhrase: PHRASE_A }, async () => {
        sent += 1;
      }),
    ).rejects.toMatchObject({ code: 'ATTEMPT_NOT_RECORDED' });
    expect(await remembered.blocked(TEAM, ACCOUNT)).toBe(true);
    expect(sent).toBe(0);
  });
});
