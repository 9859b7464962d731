import { describe, expect, it } from 'vitest';
import type { ActorDeps } from '../../src/actors/index.ts';
import { makeActors } from '../../src/actors/index.ts';
import type { EndiciaClient } from '../../src/endicia/index.ts';
import { MAIN, mainCredentials, PHRASES, TEAM, USER } from './fixtures.ts';
import { buyInput, flowError, type Harness, readView, run, startHarness } from './harness.ts';

const NOTHING_BOUGHT = /nothing was bought/i;

/** The harness' deps whose Endicia client fails `op` with an error nobody expected (a bug, not Endicia). */
function failing(h: Harness, op: 'getAccountStatus' | 'changePassPhrase'): ActorDeps {
  const endicia: EndiciaClient = Object.create(h.deps.endicia);
  Object.defineProperty(endicia, op, { value: () => Promise.reject(new TypeError('unexpected')) });
  return { ...h.deps, endicia };
}

describe('"Nothing was bought" is said only about a purchase', () => {
  it('a login that fails unexpectedly says something went wrong, not that nothing was bought', async () => {
    const h = await startHarness();
    const error = await flowError(
      run(makeActors(failing(h, 'getAccountStatus')).verifyAccount, {
        teamId: TEAM,
        userId: USER,
        accountId: MAIN,
        passPhrase: PHRASES.main,
      }),
    );

    expect(error.failure).toMatchObject({ kind: 'internal', code: 'INTERNAL' });
    expect(error.failure.message).toBe('Something went wrong on our side. Please try again.');
    expect(error.failure.message).not.toMatch(NOTHING_BOUGHT);
  });

  it('a pass-phrase change that fails unexpectedly does not say nothing was bought', async () => {
    const h = await startHarness();
    const error = await flowError(
      run(makeActors(failing(h, 'changePassPhrase')).changePassPhrase, {
        teamId: TEAM,
        userId: USER,
        accountId: MAIN,
        currentPassPhrase: PHRASES.main,
        newPassPhrase: PHRASES.changed,
      }),
    );

    expect(error.failure).toMatchObject({ kind: 'internal', code: 'INTERNAL' });
    expect(error.failure.message).not.toMatch(NOTHING_BOUGHT);
  });

  it('a purchase stopped before it was sent still says nothing was bought', async () => {
    const h = await startHarness();
    const before = await readView(h, mainCredentials());
    // A stale login reading makes the purchase re-read the balance first; that read fails unexpectedly.
    h.clock.now = new Date(h.clock.now.getTime() + 10 * 60_000);
    const error = await flowError(
      run(
        makeActors(failing(h, 'getAccountStatus')).buyPostage,
        buyInput(mainCredentials(), before, 2500, 'req-bug'),
      ),
    );

    expect(error.failure).toMatchObject({ kind: 'internal', code: 'INTERNAL' });
    expect(error.failure.message).toMatch(NOTHING_BOUGHT);
    expect(h.count('BuyPostage')).toBe(0);
  });
});
