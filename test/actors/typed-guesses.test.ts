import { describe, expect, it } from 'vitest';
import { makeActors } from '../../src/actors/index.ts';
import { HOLD_MS } from '../../src/never-lock/index.ts';
import { MAIN, mainCredentials, PHRASES, TEAM, USER } from './fixtures.ts';
import { buyInput, flowError, type Harness, readView, rememberedAs, run, startHarness } from './harness.ts';

// Anyone can type pass phrases against an account number (every alert shows it). Endicia suspends the
// account after five wrong ones in a row; the bot counts refusals per account, whoever typed them.

const typed = (h: Harness, passPhrase: string, userId = USER) =>
  run(makeActors(h.deps).verifyAccount, { teamId: TEAM, userId, accountId: MAIN, passPhrase });
const wrong = (h: Harness, userId = USER) => flowError(typed(h, PHRASES.wrong, userId));

describe('typed pass phrase guesses', () => {
  it('never sends the fifth wrong pass phrase in a row, whoever types, however long they wait', async () => {
    const h = await startHarness();
    await h.store.alerts.put({
      teamId: TEAM,
      channelId: 'C0ALERTS',
      ownerUserId: 'U0OWNER',
      accountId: MAIN,
      thresholdMils: 50_000,
      state: 'armed',
      alertMessageTs: null,
      lastBalanceMils: null,
      lastCheckedAt: null,
      createdAt: h.clock.now.toISOString(),
    });
    const first = await wrong(h, 'U0ONE');
    const second = await wrong(h, 'U0TWO');
    const third = await wrong(h, 'U0THREE');
    expect(h.sim.account(MAIN)?.badAttempts).toBe(3);
    // The words on the road to a suspension: after the first, how many tries remain.
    expect(first.message).toContain('Five wrong tries in a row suspend the account.');
    expect(second.message).toContain(
      '2 refusals in a row: 3 more wrong tries and Endicia suspends account 2600001.',
    );
    expect(third.message).toContain('2 more wrong tries');
    expect(third.message).toContain('until 15:15 UTC');

    // Held: not sent, and the person is told when typing may resume.
    const held = await wrong(h, 'U0FOUR');
    expect(held.failure).toMatchObject({ code: 'PASS_PHRASE_ATTEMPTS_HELD', field: 'passPhrase' });
    expect(held.message).toContain('Typing may resume at 15:15 UTC');
    expect(h.sim.account(MAIN)?.badAttempts).toBe(3);
    // The people who remember the account (alert owners) hear it once.
    expect(h.told.held).toEqual([
      { userId: 'U0OWNER', accountId: MAIN, until: new Date('2025-06-02T15:15:00.000Z') },
    ]);

    h.clock.now = new Date(h.clock.now.getTime() + HOLD_MS + 1);
    const fourth = await wrong(h, 'U0FOUR');
    expect(fourth.message).toContain('1 more wrong try');
    expect(fourth.message).toContain('will not send another pass phrase');
    expect(h.sim.account(MAIN)?.badAttempts).toBe(4);

    for (const hours of [1, 24, 24 * 30]) {
      h.clock.now = new Date(h.clock.now.getTime() + hours * 3_600_000);
      const refused = await wrong(h, 'U0FIVE');
      expect(refused.failure.code).toBe('PASS_PHRASE_ATTEMPTS_HELD');
      // The correct phrase is not sent either: the bot cannot know it is correct before sending.
      expect((await flowError(typed(h, PHRASES.main))).failure.code).toBe('PASS_PHRASE_ATTEMPTS_HELD');
    }
    expect(h.sim.account(MAIN)?.badAttempts).toBe(4);
    expect(h.sim.account(MAIN)?.status).toBe('active');
  });

  it('a successful login resets the count', async () => {
    const h = await startHarness();
    await wrong(h);
    await wrong(h);
    await typed(h, PHRASES.main);
    await wrong(h);
    const again = await wrong(h);
    expect(again.message).toContain('2 refusals in a row');
    expect(h.sim.account(MAIN)?.badAttempts).toBe(2);
  });

  it('the Change Pass Phrase form and Buy count too', async () => {
    const h = await startHarness();
    const actors = makeActors(h.deps);
    const change = () =>
      flowError(
        run(actors.changePassPhrase, {
          teamId: TEAM,
          userId: USER,
          accountId: MAIN,
          currentPassPhrase: PHRASES.wrong,
          newPassPhrase: PHRASES.changed,
        }),
      );
    const before = await readView(h, mainCredentials());
    await change();
    await change();
    h.clock.now = new Date(h.clock.now.getTime() + 5 * 60_000);
    await flowError(
      run(
        actors.buyPostage,
        buyInput({ accountId: MAIN, passPhrase: PHRASES.wrong }, before, 1000, 'typed-1'),
      ),
    );
    const held = await change();
    expect(held.failure).toMatchObject({ code: 'PASS_PHRASE_ATTEMPTS_HELD', field: 'currentPassPhrase' });
    expect(h.sim.account(MAIN)?.badAttempts).toBe(3);
  });

  it('a remembered login is not used while typed guesses are held', async () => {
    const h = await startHarness();
    await h.store.credentials.set(TEAM, USER, rememberedAs(mainCredentials()));
    for (let i = 0; i < 3; i += 1) await wrong(h, 'U0GUESS');
    const blank = await flowError(
      run(makeActors(h.deps).verifyAccount, {
        teamId: TEAM,
        userId: USER,
        accountId: MAIN,
        passPhrase: null,
      }),
    );
    expect(blank.failure.code).toBe('PASS_PHRASE_REQUIRED');
    expect(h.sim.account(MAIN)?.badAttempts).toBe(3);
  });
});
