import { describe, expect, it } from 'vitest';
import { makeActors } from '../../src/actors/index.ts';
import { type Credentials, notices } from '../../src/machine/index.ts';
import { type CredentialStore, StoreError } from '../../src/store/index.ts';
import { MAIN, mainCredentials, otherCredentials, TEAM, USER } from './fixtures.ts';
import { flowError, type Harness, readView, rememberedAs, run, startHarness } from './harness.ts';
import { mask } from './secrets.ts';

async function save(h: Harness, credentials: Credentials, remember: boolean) {
  const status = await readView(h, credentials);
  return run(makeActors(h.deps).saveRememberPreference, {
    teamId: TEAM,
    userId: USER,
    credentials,
    remember,
    status,
  });
}

const failing = (real: CredentialStore): CredentialStore => ({
  get: async () => {
    throw new StoreError('STORE_READ_FAILED', 'store down');
  },
  set: async () => {
    throw new StoreError('STORE_WRITE_FAILED', 'store down');
  },
  delete: (teamId, userId) => real.delete(teamId, userId),
  deleteTeam: (teamId) => real.deleteTeam(teamId),
});

describe('saveRememberPreference', () => {
  it('remember stores the login, unblocked, stamped now', async () => {
    const h = await startHarness();
    await save(h, mainCredentials(), true);

    expect(mask(await h.store.credentials.get(TEAM, USER))).toEqual({
      accountId: MAIN,
      passPhrase: '‹main›',
      savedAt: h.clock.now.toISOString(),
      monitorBlockedAt: null,
    });
  });

  it('remember re-arms credentials that were blocked after a refusal', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials(), '2025-06-01T10:00:00.000Z'));
    await save(h, mainCredentials(), true);

    expect((await h.store.credentials.get(TEAM, USER))?.monitorBlockedAt).toBeNull();
  });

  it('not remembering forgets the remembered login of the same account', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials()));
    await save(h, mainCredentials(), false);

    expect(mask(await h.store.credentials.get(TEAM, USER))).toBeUndefined();
  });

  it("not remembering a login to another account leaves the person's own remembered login intact", async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials()));
    await save(h, otherCredentials(), false);

    expect(mask(await h.store.credentials.get(TEAM, USER))).toMatchObject({
      accountId: MAIN,
      passPhrase: '‹main›',
    });
  });

  it('not remembering with nothing remembered stores nothing', async () => {
    const h = await startHarness();
    await save(h, otherCredentials(), false);

    expect(mask(await h.store.credentials.get(TEAM, USER))).toBeUndefined();
  });

  it('a store failure while remembering rejects with REMEMBER_FAILED', async () => {
    const h = await startHarness({ credentials: failing });
    const error = await flowError(save(h, mainCredentials(), true));

    expect(error.failure).toMatchObject({
      kind: 'internal',
      code: 'REMEMBER_FAILED',
      field: null,
    });
    expect(error.message).toBe(notices.rememberFailed);
    expect(h.logs.some((line) => line.includes('could not save the remember preference'))).toBe(true);
  });

  it('a store failure while forgetting rejects with REMEMBER_FAILED and points at /postage forget', async () => {
    const h = await startHarness({ credentials: failing });
    const error = await flowError(save(h, mainCredentials(), false));

    expect(error.code).toBe('REMEMBER_FAILED');
    expect(error.message).toBe(notices.forgetFailed);
    expect(error.message.includes('/postage forget')).toBe(true);
  });
});
