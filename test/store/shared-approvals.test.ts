import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../src/lib/logger.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createTestDatabase, describePostgres } from '../helpers/postgres.ts';
import { KEY_A, PASS_PHRASE } from './helpers/fixtures.ts';

/*
 * Two approvers clicking at once on two instances: two Store instances on one PostgreSQL database stand
 * for two processes (nothing in-process is shared). Exactly one decision wins and only it gets the pass
 * phrase; the winner's purchase is then claimed once in the journal, whoever tries.
 */
describePostgres('approval decisions across instances', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const opened: Store[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });
  const open = async (instanceId: string) => {
    const store = await openStore({
      url: database.url,
      encryptionKey: KEY_A,
      logger: silentLogger,
      instanceId,
    });
    opened.push(store);
    return store;
  };

  it('one winner of approve-vs-approve (and of approve-vs-expire), one pass phrase, one journal claim', async () => {
    const [a, b] = [await open('a'), await open('b')];
    for (let round = 0; round < 5; round++) {
      const requestId = `shared-${round}`;
      await a.approvals.create(
        {
          requestId,
          teamId: 'T1',
          requesterId: 'U1',
          accountId: '2500001',
          amountMils: 150_000,
          balanceMils: null,
          channelId: 'C1',
          messageTs: null,
          originChannelId: null,
          state: 'pending',
          decidedBy: null,
          reason: null,
          createdAt: '2026-04-05T06:00:00.000Z',
          expiresAt: '2026-04-06T06:00:00.000Z',
          decidedAt: null,
        },
        PASS_PHRASE,
      );
      const at = '2026-04-05T07:00:00.000Z';
      const decisions = await Promise.all([
        a.approvals.decide(requestId, { state: 'approved', decidedBy: 'U2', reason: null, at }),
        b.approvals.decide(requestId, { state: 'approved', decidedBy: 'U3', reason: null, at }),
        b.approvals.decide(requestId, { state: 'expired', decidedBy: null, reason: null, at }),
      ]);
      const winners = decisions.filter((d) => d !== undefined);
      expect(winners).toHaveLength(1);
      expect(winners[0]?.passPhrase).toBe(PASS_PHRASE);
      // The pass phrase left the store with the decision.
      expect(
        await b.approvals.decide(requestId, { state: 'denied', decidedBy: 'U2', reason: null, at }),
      ).toBeUndefined();
      expect((await a.approvals.get(requestId))?.state).toBe(winners[0]?.request.state);
    }
  });
});
