import { describe, expect, it } from 'vitest';
import { makeActors } from '../../src/actors/index.ts';
import { StoreError } from '../../src/store/index.ts';
import { MAIN, mainCredentials, OTHER, PHRASES, TEAM, USER } from './fixtures.ts';
import { flowError, type Harness, type HarnessOptions, rememberedAs, run, startHarness } from './harness.ts';
import { mask } from './secrets.ts';

const OLD_SAVE = rememberedAs(mainCredentials(), '2025-06-01T10:00:00.000Z');

/** A harness where MAIN's phrase is remembered (and blocked after an earlier refusal). */
async function withRemembered(options: HarnessOptions = {}): Promise<Harness> {
  const h = await startHarness(options);
  await h.store.credentials.set(TEAM, USER, OLD_SAVE);
  return h;
}

function change(h: Harness, accountId: string, currentPassPhrase: string, newPassPhrase: string) {
  return run(makeActors(h.deps).changePassPhrase, {
    teamId: TEAM,
    userId: USER,
    accountId,
    currentPassPhrase,
    newPassPhrase,
  });
}

const simPhraseIs = (h: Harness, accountId: string, phrase: string) =>
  h.sim.account(accountId)?.passPhrase === phrase;

describe('changePassPhrase', () => {
  it('changes the phrase and the remembered login of that account follows, unblocked', async () => {
    const h = await withRemembered();
    await change(h, MAIN, PHRASES.main, PHRASES.changed);

    expect(simPhraseIs(h, MAIN, PHRASES.changed)).toBe(true);
    expect(mask(await h.store.credentials.get(TEAM, USER))).toEqual({
      accountId: MAIN,
      passPhrase: '‹changed›',
      savedAt: h.clock.now.toISOString(),
      monitorBlockedAt: null,
    });
  });

  it("leaves the remembered login alone when another account's phrase changes", async () => {
    const h = await withRemembered();
    await change(h, OTHER, PHRASES.other, PHRASES.changed);

    expect(simPhraseIs(h, OTHER, PHRASES.changed)).toBe(true);
    expect(mask(await h.store.credentials.get(TEAM, USER))).toEqual(mask(OLD_SAVE));
  });

  it('remembers nothing when nothing was remembered', async () => {
    const h = await startHarness();
    await change(h, MAIN, PHRASES.main, PHRASES.changed);

    expect(mask(await h.store.credentials.get(TEAM, USER))).toBeUndefined();
  });

  it('a wrong current phrase (12507) points at the currentPassPhrase field', async () => {
    const h = await withRemembered();
    const error = await flowError(change(h, MAIN, PHRASES.wrong, PHRASES.changed));

    expect(error.failure).toMatchObject({
      kind: 'authentication',
      code: '12507',
      field: 'currentPassPhrase',
    });
    expect(simPhraseIs(h, MAIN, PHRASES.main)).toBe(true);
    expect(mask(await h.store.credentials.get(TEAM, USER))).toEqual(mask(OLD_SAVE));
  });

  it('a reused phrase (12669) points at the newPassPhrase field', async () => {
    const h = await startHarness();
    const error = await flowError(change(h, MAIN, PHRASES.main, PHRASES.main));

    expect(error.failure).toMatchObject({
      kind: 'pass-phrase-reused',
      code: '12669',
      field: 'newPassPhrase',
    });
  });

  it('an unanswered change says the phrase may or may not have changed, and keeps the remembered one', async () => {
    const h = await withRemembered();
    h.sim.inject({ kind: 'http-500', op: 'ChangePassPhrase' });
    const error = await flowError(change(h, MAIN, PHRASES.main, PHRASES.changed));

    expect(error.failure).toMatchObject({ kind: 'unavailable', field: null });
    expect(error.message.includes('may or may not have changed')).toBe(true);
    expect(mask(await h.store.credentials.get(TEAM, USER))).toEqual(mask(OLD_SAVE));
  });

  it('says the same when the change was applied but its answer lost (it really may have changed)', async () => {
    const h = await withRemembered();
    h.sim.inject({ kind: 'lost-answer', op: 'ChangePassPhrase' });
    const error = await flowError(change(h, MAIN, PHRASES.main, PHRASES.changed));

    expect(error.failure.kind).toBe('unavailable');
    expect(error.message.includes('may or may not have changed')).toBe(true);
    expect(simPhraseIs(h, MAIN, PHRASES.changed)).toBe(true);
  });

  it('a changed phrase that cannot be re-remembered is still a success (logged)', async () => {
    const h = await withRemembered({
      credentials: (real) => ({
        ...real,
        get: (teamId, userId) => real.get(teamId, userId),
        set: async () => {
          throw new StoreError('STORE_WRITE_FAILED', 'store down');
        },
      }),
    });
    await change(h, MAIN, PHRASES.main, PHRASES.changed);

    expect(simPhraseIs(h, MAIN, PHRASES.changed)).toBe(true);
    expect(h.logs.some((line) => line.includes('remembered credentials not updated'))).toBe(true);
  });
});
