import { describe, expect, it } from 'vitest';
import { makeActors } from '../../src/actors/index.ts';
import { MAIN, mainCredentials, OTHER, otherCredentials, PHRASES, TEAM, USER } from './fixtures.ts';
import { flowError, type Harness, rememberedAs, run, startHarness } from './harness.ts';
import { mask } from './secrets.ts';

function verify(h: Harness, accountId: string, passPhrase: string | null) {
  return run(makeActors(h.deps).verifyAccount, { teamId: TEAM, userId: USER, accountId, passPhrase });
}

describe('verifyAccount with a typed pass phrase', () => {
  it('logs in and returns the credentials used with the account as read', async () => {
    const h = await startHarness();
    const output = await verify(h, MAIN, PHRASES.main);

    expect(mask(output)).toEqual({
      credentials: { accountId: MAIN, passPhrase: '‹main›' },
      status: {
        accountId: MAIN,
        balanceMils: 120_500,
        accountStatus: 'A',
        serialNumber: expect.any(Number),
        controlRegisterMils: expect.any(Number),
        readAt: h.clock.now.toISOString(),
        runway: { kind: 'not-enough-history' },
      },
    });
    expect(h.readings).toEqual([
      { source: 'login', teamId: TEAM, accountId: MAIN, balanceMils: 120_500, at: h.clock.now },
    ]);
  });

  it('forecasts the runway from the readings kept before, recredits added back', async () => {
    const h = await startHarness();
    const day = 86_400_000;
    const ago = (days: number) => new Date(h.clock.now.getTime() - days * day).toISOString();
    // $150.500 four days ago, $20.000 spent a day since; a $50.000 purchase two days ago.
    for (const [days, balanceMils] of [
      [4, 150_500],
      [3, 130_500],
      [1, 140_500],
    ] as const) {
      await h.store.balanceReadings.add({
        teamId: TEAM,
        accountId: MAIN,
        balanceMils,
        readAt: ago(days),
        source: 'sweep',
      });
    }
    await h.store.purchases.begin({
      requestId: 'r-week',
      teamId: TEAM,
      userId: USER,
      accountId: MAIN,
      amountMils: 50_000,
      balanceBeforeMils: 120_500,
      balanceAfterMils: 170_500,
      transactionId: 'T1',
      message: null,
      state: 'confirmed',
      channelId: null,
      createdAt: ago(2),
      updatedAt: ago(2),
    });
    const output = await verify(h, MAIN, PHRASES.main);
    // 150.5 → 130.5 → (+50) 140.5 → 120.5: $80.000 over 4 days, $20 a day; $120.500 lasts 6 days.
    expect(output.status.runway).toEqual({ kind: 'rate', spentMils: 80_000, spanMs: 4 * day, daysLeft: 6 });
  });

  it('rejects a wrong pass phrase on the passPhrase field', async () => {
    const h = await startHarness();
    const error = await flowError(verify(h, MAIN, PHRASES.wrong));

    expect(error.failure).toMatchObject({
      kind: 'authentication',
      code: '12507',
      field: 'passPhrase',
    });
    expect(h.readings).toEqual([]);
  });

  it('rejects an unknown account number on the accountId field', async () => {
    const h = await startHarness();
    const error = await flowError(verify(h, '2699999', PHRASES.main));

    expect(error.failure).toMatchObject({ kind: 'authentication', code: '12101', field: 'accountId' });
  });
});

describe('verifyAccount with the remembered pass phrase (passPhrase null)', () => {
  it('logs in with the remembered phrase', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials()));
    const output = await verify(h, MAIN, null);

    expect(mask(output.credentials)).toEqual({ accountId: MAIN, passPhrase: '‹main›' });
    expect(output.status.balanceMils).toBe(120_500);
    expect(h.count('GetAccountStatus')).toBe(1);
  });

  it('asks for the pass phrase without calling Endicia when another account is remembered', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs(otherCredentials()));
    const error = await flowError(verify(h, MAIN, null));

    expect(error.failure).toMatchObject({
      kind: 'authentication',
      code: 'PASS_PHRASE_REQUIRED',
      field: 'passPhrase',
    });
    expect(error.message.startsWith('Enter the pass phrase')).toBe(true);
    expect(h.sim.calls).toHaveLength(0);
  });

  it('asks for the pass phrase without calling Endicia when nothing is remembered', async () => {
    const h = await startHarness();
    const error = await flowError(verify(h, OTHER, null));

    expect(error.code).toBe('PASS_PHRASE_REQUIRED');
    expect(h.sim.calls).toHaveLength(0);
  });

  it('after one refusal blocks the remembered phrase and its account in the store; no second Endicia call', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs({ accountId: MAIN, passPhrase: PHRASES.wrong }));
    const first = await flowError(verify(h, MAIN, null));

    expect(first.failure).toMatchObject({ kind: 'authentication', code: '12507', field: 'passPhrase' });
    expect((await h.store.credentials.get(TEAM, USER))?.monitorBlockedAt).toBe(h.clock.now.toISOString());
    expect(await h.remembered.blocked(TEAM, MAIN)).toBe(true);
    expect(h.count('GetAccountStatus')).toBe(1);

    const second = await flowError(verify(h, MAIN, null));
    expect(second.failure).toMatchObject({ code: 'PASS_PHRASE_REQUIRED', field: 'passPhrase' });
    expect(second.message).toBe(
      'The bot stopped using the remembered pass phrase for this account after Endicia refused one. Type the current pass phrase.',
    );
    expect(h.count('GetAccountStatus')).toBe(1);
    expect(h.sim.account(MAIN)?.badAttempts).toBe(1);
  });

  it('the account guard alone stops a retry even if the login block is lost', async () => {
    const h = await startHarness();
    const stale = rememberedAs({ accountId: MAIN, passPhrase: PHRASES.wrong });
    await h.store.credentials.set(TEAM, USER, stale);
    await flowError(verify(h, MAIN, null));
    // As if the block had never been written (or was overwritten by an old copy).
    await h.store.credentials.set(TEAM, USER, stale);
    await flowError(verify(h, MAIN, null));

    expect(h.count('GetAccountStatus')).toBe(1);
  });

  it('does not block the remembered phrase when Endicia is merely unavailable', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials()));
    h.sim.inject({ kind: 'http-500', op: 'GetAccountStatus' });
    const error = await flowError(verify(h, MAIN, null));

    expect(error.failure.kind).toBe('unavailable');
    expect((await h.store.credentials.get(TEAM, USER))?.monitorBlockedAt).toBeNull();
    expect(await h.remembered.blocked(TEAM, MAIN)).toBe(false);
    const output = await verify(h, MAIN, null);
    expect(output.status.balanceMils).toBe(120_500);
  });
});
