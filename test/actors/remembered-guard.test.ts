import { describe, expect, it } from 'vitest';
import { checkBalance, createRememberedGuard, makeActors } from '../../src/actors/index.ts';
import type { Credentials } from '../../src/machine/index.ts';
import { MAIN, mainCredentials, PHRASES, TEAM, USER } from './fixtures.ts';
import { type Harness, readView, rememberedAs, run, startHarness } from './harness.ts';

/** A promise the test settles by hand. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('createRememberedGuard', () => {
  it('notes a refused phrase per person only, until it is accepted again', () => {
    const guard = createRememberedGuard();
    guard.noteRefused(TEAM, USER, PHRASES.main);

    expect(guard.refused(TEAM, USER, PHRASES.main)).toBe(true);
    expect(guard.refused(TEAM, USER, PHRASES.other)).toBe(false);
    expect(guard.refused(TEAM, 'U0SOMEONE', PHRASES.main)).toBe(false);
    expect(guard.refused('T0ELSEWHERE', USER, PHRASES.main)).toBe(false);
    guard.noteAccepted(TEAM, USER, PHRASES.main);
    expect(guard.refused(TEAM, USER, PHRASES.main)).toBe(false);
  });

  it('runs one use at a time per person, people in parallel, and a failure does not block the next', async () => {
    const guard = createRememberedGuard();
    const first = gate();
    const order: string[] = [];
    const a = guard.run(TEAM, USER, async () => {
      order.push('a:start');
      await first.opened;
      order.push('a:end');
      throw new Error('refused');
    });
    const b = guard.run(TEAM, USER, async () => {
      order.push('b');
    });
    // Another person is not held up by the first person's slow call.
    await guard.run(TEAM, 'U0SOMEONE', async () => {
      order.push('other');
    });
    first.open();
    await expect(a).rejects.toThrow('refused');
    await b;

    expect(order).toEqual(['a:start', 'other', 'a:end', 'b']);
  });
});

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
  // The guard's note is in memory, keyed on (team, user, phrase): a refusal for account-state (2012
  // suspended) notes a phrase that is still correct, so a successful login must lift the note
  // (`noteAccepted`), or remembered use stays 'blocked' until the process restarts.
  it('a phrase refused while the account was suspended works again after a fresh login', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials()));
    h.sim.inject({ kind: 'status', op: 'GetAccountStatus', status: 2012 });
    expect((await checkBalance(h.deps, TEAM, USER)).kind).toBe('failed');

    await loginAndRemember(h, mainCredentials());
    expect((await h.store.credentials.get(TEAM, USER))?.monitorBlockedAt).toBeNull();
    expect(await checkBalance(h.deps, TEAM, USER)).toMatchObject({ kind: 'ok', accountId: MAIN });
  });

  // The note is not scoped to an account; people reuse phrases across accounts.
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
