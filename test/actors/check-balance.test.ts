import { describe, expect, it } from 'vitest';
import { checkBalance } from '../../src/actors/index.ts';
import { MAIN, mainCredentials, PHRASES, TEAM, USER } from './fixtures.ts';
import { rememberedAs, startHarness } from './harness.ts';

describe('checkBalance', () => {
  it('says not-remembered without calling Endicia when nothing is remembered', async () => {
    const h = await startHarness();

    expect(await checkBalance(h.deps, TEAM, USER)).toEqual({ kind: 'not-remembered' });
    expect(h.sim.calls).toHaveLength(0);
  });

  it('reads the remembered account and reports the reading to the monitor', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials()));

    expect(await checkBalance(h.deps, TEAM, USER)).toEqual({
      kind: 'ok',
      accountId: MAIN,
      balanceMils: 120_500,
      accountStatus: 'A',
      runway: { kind: 'not-enough-history' },
    });
    expect(h.readings).toEqual([
      { source: 'command', teamId: TEAM, accountId: MAIN, balanceMils: 120_500, at: h.clock.now },
    ]);
  });

  it('says blocked without calling Endicia once the remembered phrase was refused', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials(), '2025-06-01T10:00:00.000Z'));

    expect(await checkBalance(h.deps, TEAM, USER)).toEqual({ kind: 'blocked', accountId: MAIN });
    expect(h.sim.calls).toHaveLength(0);
  });

  it('reports an unavailable Endicia as failed without blocking the remembered phrase', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials()));
    h.sim.inject({ kind: 'html', op: 'GetAccountStatus' });
    const check = await checkBalance(h.deps, TEAM, USER);

    expect(check).toMatchObject({ kind: 'failed', accountId: MAIN, failure: { kind: 'unavailable' } });
    expect((await h.store.credentials.get(TEAM, USER))?.monitorBlockedAt).toBeNull();
    expect((await checkBalance(h.deps, TEAM, USER)).kind).toBe('ok');
  });

  it('a refusal is reported as failed on the pass phrase and blocks the next check', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs({ accountId: MAIN, passPhrase: PHRASES.wrong }));
    const check = await checkBalance(h.deps, TEAM, USER);

    expect(check).toMatchObject({
      kind: 'failed',
      accountId: MAIN,
      failure: { kind: 'authentication', code: '12507', field: 'passPhrase' },
    });
    expect((await h.store.credentials.get(TEAM, USER))?.monitorBlockedAt).toBe(h.clock.now.toISOString());
    expect(await checkBalance(h.deps, TEAM, USER)).toEqual({ kind: 'blocked', accountId: MAIN });
    expect(h.count('GetAccountStatus')).toBe(1);
  });
});
