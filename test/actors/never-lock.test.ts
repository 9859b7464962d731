import { describe, expect, it } from 'vitest';
import { checkBalance, makeActors } from '../../src/actors/index.ts';
import type { BalanceCheck } from '../../src/machine/index.ts';
import { StoreError } from '../../src/store/index.ts';
import { MAIN, mainCredentials, PHRASES, TEAM, USER } from './fixtures.ts';
import { flowError, type Harness, type HarnessOptions, rememberedAs, run, startHarness } from './harness.ts';

/** The bot remembers MAIN's phrase; then someone changes it on Endicia behind the bot's back. */
async function staleRemembered(options: HarnessOptions = {}): Promise<Harness> {
  const h = await startHarness(options);
  await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials()));
  await h.outsider.changePassPhrase(mainCredentials(), PHRASES.changed);
  // Endicia is slow: every check is in flight at once unless something serializes them.
  h.sim.setLatency(200);
  return h;
}

const refusedStatusReads = (h: Harness) =>
  h.sim.calls.filter((call) => call.op === 'GetAccountStatus' && call.status === 12507).length;

const kinds = (checks: BalanceCheck[]) => checks.map((check) => check.kind).sort();

describe('never lock the account with a stale remembered pass phrase', () => {
  it('five concurrent balance checks send the stale phrase to Endicia once', async () => {
    const h = await staleRemembered();
    const checks = await Promise.all(Array.from({ length: 5 }, () => checkBalance(h.deps, TEAM, USER)));

    expect(refusedStatusReads(h)).toBe(1);
    expect(h.count('GetAccountStatus')).toBe(1);
    expect(kinds(checks)).toEqual(['blocked', 'blocked', 'blocked', 'blocked', 'failed']);
    expect(h.sim.account(MAIN)?.status).toBe('active');
    expect(h.sim.account(MAIN)?.badAttempts).toBe(1);
  });

  it('balance checks and remembered logins share the one attempt', async () => {
    const h = await staleRemembered();
    const verify = makeActors(h.deps).verifyAccount;
    const logins = Array.from({ length: 2 }, () =>
      flowError(run(verify, { teamId: TEAM, userId: USER, accountId: MAIN, passPhrase: null })),
    );
    const checks = Array.from({ length: 3 }, () => checkBalance(h.deps, TEAM, USER));
    await Promise.all([...logins, ...checks]);

    expect(refusedStatusReads(h)).toBe(1);
    expect(h.sim.account(MAIN)?.badAttempts).toBe(1);
  });

  it('the in-memory guard still stops a second attempt when the store cannot record the refusal', async () => {
    const h = await staleRemembered({
      credentials: (real) => ({
        get: (teamId, userId) => real.get(teamId, userId),
        set: async () => {
          throw new StoreError('STORE_WRITE_FAILED', 'disk full');
        },
        delete: (teamId, userId) => real.delete(teamId, userId),
        deleteTeam: (teamId) => real.deleteTeam(teamId),
      }),
    });
    const checks = await Promise.all(Array.from({ length: 5 }, () => checkBalance(h.deps, TEAM, USER)));

    expect(kinds(checks)).toEqual(['blocked', 'blocked', 'blocked', 'blocked', 'failed']);
    // The store never learned about the refusal...
    expect((await h.store.credentials.get(TEAM, USER))?.monitorBlockedAt).toBeNull();
    expect(h.logs.some((line) => line.includes('could not mark remembered credentials as refused'))).toBe(
      true,
    );
    // ...so only the guard stands between later checks and a suspension.
    await checkBalance(h.deps, TEAM, USER);
    await flowError(
      run(makeActors(h.deps).verifyAccount, {
        teamId: TEAM,
        userId: USER,
        accountId: MAIN,
        passPhrase: null,
      }),
    );
    expect(refusedStatusReads(h)).toBe(1);
    expect(h.sim.account(MAIN)?.status).toBe('active');
  });
});
