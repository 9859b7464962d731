import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkBalance, makeActors } from '../../src/actors/index.ts';
import type { Credentials } from '../../src/machine/index.ts';
import { MAIN, mainCredentials, OTHER, PHRASES, TEAM, USER } from './fixtures.ts';
import { buyInput, type Harness, readView, rememberedAs, run, startHarness } from './harness.ts';
import { leaks } from './secrets.ts';

/** Every way a rejection could end up printed or logged. */
function views(error: unknown): string[] {
  const out = [
    String(error),
    JSON.stringify(error) ?? '',
    inspect(error, { depth: Infinity, showHidden: true }),
  ];
  if (error instanceof Error) out.push(error.message, error.stack ?? '');
  return out;
}

/** Runs `attempt` and returns what it rejected with (or undefined). */
async function caught(attempt: Promise<unknown>): Promise<unknown> {
  try {
    await attempt;
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Drives every failure path of every actor against a real simulator and collects the rejections. */
async function failEverything(h: Harness): Promise<Array<[string, unknown]>> {
  const actors = makeActors(h.deps);
  const verify = (accountId: string, passPhrase: string | null) =>
    run(actors.verifyAccount, { teamId: TEAM, userId: USER, accountId, passPhrase });
  const change = (current: string, next: string) =>
    run(actors.changePassPhrase, {
      teamId: TEAM,
      userId: USER,
      accountId: MAIN,
      currentPassPhrase: current,
      newPassPhrase: next,
    });
  const buy = (credentials: Credentials, amountCents: number, requestId: string) =>
    readView(h, mainCredentials()).then((before) =>
      run(actors.buyPostage, buyInput(credentials, before, amountCents, requestId)),
    );
  const out: Array<[string, unknown]> = [];
  const record = async (name: string, attempt: Promise<unknown>) => {
    out.push([name, await caught(attempt)]);
  };

  await record('verify wrong', verify(MAIN, PHRASES.wrong));
  await record('verify unknown', verify('2699999', PHRASES.main));
  h.sim.inject({ kind: 'truncated', op: 'GetAccountStatus' });
  await record('verify truncated', verify(MAIN, PHRASES.main));
  await h.store.credentials.set(TEAM, USER, rememberedAs({ accountId: MAIN, passPhrase: PHRASES.wrong }));
  await record('verify remembered refused', verify(MAIN, null));
  await record('verify remembered blocked', verify(MAIN, null));
  out.push(['balance blocked', await checkBalance(h.deps, TEAM, USER)]);

  await record('buy over limit', buy(mainCredentials(), 60_000, 'leak-1'));
  await record('buy wrong phrase', buy({ accountId: MAIN, passPhrase: PHRASES.wrong }, 2500, 'leak-2'));
  await record('buy fraction', buy(mainCredentials(), 2500.5, 'leak-3'));
  h.sim.inject({ kind: 'lost-answer', op: 'BuyPostage' });
  await record('buy lost', buy(mainCredentials(), 2500, 'leak-4'));
  await record('buy replay', buy(mainCredentials(), 2500, 'leak-4'));

  await record('change wrong current', change(PHRASES.wrong, PHRASES.changed));
  await record('change reused', change(PHRASES.main, PHRASES.main));
  h.sim.inject({ kind: 'reset', op: 'ChangePassPhrase' });
  await record('change unanswered', change(PHRASES.main, PHRASES.changed));

  await h.store.credentials.set(TEAM, USER, rememberedAs({ accountId: OTHER, passPhrase: PHRASES.changed }));
  out.push(['balance refused', await checkBalance(h.deps, TEAM, USER)]);
  return out;
}

describe('no pass phrase leaks from the actors', () => {
  it('the leak detector sees a phrase in every spelling it checks (so the test below can fail)', () => {
    expect(leaks(JSON.stringify({ passPhrase: PHRASES.main }))).toBe(true);
    expect(leaks(inspect(new Error(`bad ${encodeURIComponent(PHRASES.other)}`)))).toBe(true);
    expect(leaks("<PassPhrase>fake &lt;main&gt; &amp; &quot;quoted&quot; 'phrase'</PassPhrase>")).toBe(true);
    expect(leaks(JSON.stringify({ passPhrase: '[redacted]' }))).toBe(false);
  });

  it('in no rejection, failure message, result or log line of any failure path', async () => {
    const h = await startHarness();
    const results = await failEverything(h);

    // Every path really failed (a resolved call would prove nothing about rejections).
    expect(results.filter(([, error]) => error === undefined).map(([name]) => name)).toEqual([]);
    const balanceKinds = results
      .filter(([name]) => name.startsWith('balance'))
      .map(([, check]) => (check as { kind: string }).kind);
    expect(balanceKinds).toEqual(['blocked', 'failed']);
    const leaking = results.filter(([, error]) => views(error).some(leaks)).map(([name]) => name);
    expect(leaking).toEqual([]);

    // The logs did record the failures, errors included, and none of it holds a phrase.
    expect(
      h.logs.some((line) => line.includes('purchase answer lost') && line.includes('ENDICIA_UNAVAILABLE')),
    ).toBe(true);
    const leakingLines = h.logs
      .map((line, index) => (leaks(line) ? index : -1))
      .filter((index) => index >= 0);
    expect(leakingLines).toEqual([]);
  });
});
