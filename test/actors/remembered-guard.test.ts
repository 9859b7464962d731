import { describe, expect, it } from 'vitest';
import { checkBalance, makeActors } from '../../src/actors/index.ts';
import type { Credentials } from '../../src/machine/index.ts';
import { MAIN, mainCredentials, PHRASES, TEAM, USER } from './fixtures.ts';
import { type Harness, readView, rememberedAs, run, startHarness } from './harness.ts';

/** The person logs in again with `credentials` typed, ticking "remember". */
async function loginAndRemember(h: Harness, credentials: Credentials) {
  const actors = makeActors(h.deps);
  const login = await run(actors.verifyAccount, { teamId: TEAM, userId: USER, ...credentials });
  await run(actors.saveRememberPreference, {
    teamId: TEAM,
    userId: USER,
    credentials: login.credentials,
    remember: true,
    status: await readView(h, credentials),
  });
}

describe('a fresh login re-arms the remembered login (product.md: "until they log in again")', () => {
  // A refusal for account-state (2012 suspended) blocks a phrase that is still correct, so a successful
  // login must lift the block, or remembered use stays 'blocked' for good.
  it('a phrase refused while the account was suspended works again after a fresh login', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials()));
    h.sim.inject({ kind: 'status', op: 'GetAccountStatus', status: 2012 });
    expect((await checkBalance(h.deps, TEAM, USER)).kind).toBe('failed');

    await loginAndRemember(h, mainCredentials());
    expect((await h.store.credentials.get(TEAM, USER))?.monitorBlockedAt).toBeNull();
    expect(await checkBalance(h.deps, TEAM, USER)).toMatchObject({ kind: 'ok', accountId: MAIN });
  });

  // The block is per account; people reuse phrases across accounts.
  it('a phrase refused for one account does not block another account remembered with it', async () => {
    const h = await startHarness();
    h.sim.addAccount({ accountId: '2600003', passPhrase: PHRASES.main, balance: '75' });
    await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials()));
    await h.outsider.changePassPhrase(mainCredentials(), PHRASES.changed);
    expect((await checkBalance(h.deps, TEAM, USER)).kind).toBe('failed');

    await loginAndRemember(h, { accountId: '2600003', passPhrase: PHRASES.main });
    expect(await checkBalance(h.deps, TEAM, USER)).toMatchObject({ kind: 'ok', accountId: '2600003' });
  });
});
