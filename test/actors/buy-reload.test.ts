import { describe, expect, it } from 'vitest';
import { buyReload } from '../../src/actors/index.ts';
import type { ReloadInput } from '../../src/machine/index.ts';
import { MAIN, mainCredentials, PHRASES, TEAM, USER } from './fixtures.ts';
import { rememberedAs, startHarness } from './harness.ts';

// The automatic reload's purchase (issue 15): the BuyPostage actor, journal-first under the crossing's
// id, with the owner's remembered login sent unattended through the never-lock module.
function input(h: Awaited<ReturnType<typeof startHarness>>, requestId: string): ReloadInput {
  return {
    requestId,
    teamId: TEAM,
    userId: USER,
    channelId: 'C0ALERT',
    accountId: MAIN,
    amountCents: 5_000,
    balanceMils: h.sim.account(MAIN)?.balanceMils ?? 0,
    readAt: h.deps.now().toISOString(),
  };
}

describe('buyReload', () => {
  it('two runs of one crossing at once: the journal lets one purchase through, the other is `taken`', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials()));
    const id = 'reload:T0ACTORS:C0ALERT:2025-06-02T14:59:00.000Z';
    const outcomes = await Promise.all([buyReload(h.deps, input(h, id)), buyReload(h.deps, input(h, id))]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['bought', 'taken']);
    expect(h.count('BuyPostage')).toBe(1);
    expect(h.sim.account(MAIN)?.recredits).toBe(1);
    // Later runs (a restart) never reach Endicia either.
    expect(await buyReload(h.deps, input(h, id))).toEqual({ kind: 'taken' });
    expect(h.count('BuyPostage')).toBe(1);
    expect(await h.store.purchases.get(id)).toMatchObject({ state: 'confirmed', userId: USER });
  });

  it('a refused remembered login: not bought, unattended use stops, one failed login', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs({ accountId: MAIN, passPhrase: PHRASES.wrong }));
    const first = await buyReload(h.deps, input(h, 'reload:T0ACTORS:C0ALERT:one'));
    expect(first).toMatchObject({ kind: 'refused', spending: false });
    const second = await buyReload(h.deps, input(h, 'reload:T0ACTORS:C0ALERT:two'));
    expect(second).toMatchObject({ kind: 'refused', failure: { code: 'REMEMBERED_LOGIN_UNUSABLE' } });
    expect(h.sim.account(MAIN)?.badAttempts).toBe(1);
    expect(h.count('BuyPostage')).toBe(1);
    expect(await h.store.purchases.get('reload:T0ACTORS:C0ALERT:one')).toMatchObject({ state: 'failed' });
  });

  it('nothing remembered: nothing sent', async () => {
    const h = await startHarness();
    const outcome = await buyReload(h.deps, input(h, 'reload:T0ACTORS:C0ALERT:none'));
    expect(outcome).toMatchObject({ kind: 'refused', failure: { code: 'REMEMBERED_LOGIN_UNUSABLE' } });
    expect(h.count('BuyPostage')).toBe(0);
  });

  it('a lost answer is unconfirmed in the journal', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials()));
    h.sim.inject({ kind: 'lost-answer', op: 'BuyPostage' });
    expect(await buyReload(h.deps, input(h, 'reload:T0ACTORS:C0ALERT:lost'))).toEqual({
      kind: 'unconfirmed',
    });
    expect(await h.store.purchases.get('reload:T0ACTORS:C0ALERT:lost')).toMatchObject({
      state: 'unconfirmed',
    });
  });
});
