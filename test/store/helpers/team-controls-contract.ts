import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApprovalRequest, Store } from '../../../src/store/index.ts';
import { PASS_PHRASE, purchase } from './fixtures.ts';
import type { StoreFactory } from './store-contract.ts';

const NOW = new Date('2026-04-05T06:07:08.000Z');

function request(overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  return {
    requestId: 'R1',
    teamId: 'T1',
    requesterId: 'U1',
    accountId: '2500001',
    amountMils: 150_000,
    balanceMils: 120_500,
    channelId: 'C0APPROVALS',
    messageTs: null,
    originChannelId: 'C1',
    state: 'pending',
    decidedBy: null,
    reason: null,
    createdAt: '2026-04-05T06:00:00.000Z',
    expiresAt: '2026-04-06T06:00:00.000Z',
    decidedAt: null,
    ...overrides,
  };
}

/** Settings, approval requests, the audit trail and spending sums: every backend gives the same answers. */
export function describeTeamControlsContract(name: string, factory: StoreFactory): void {
  describe(`Team controls contract: ${name}`, () => {
    let store: Store;
    let dispose: (() => Promise<void>) | undefined;
    beforeEach(async () => {
      ({ store, dispose } = await factory(() => NOW));
    });
    afterEach(async () => {
      await store.close();
      await dispose?.();
    });

    it('keeps settings per workspace', async () => {
      expect(await store.settings.get('T1')).toBeUndefined();
      const settings = {
        teamId: 'T1',
        approvalAboveMils: 100_000,
        approverIds: ['U2'],
        approvalsChannelId: 'C0APPROVALS',
        dailyLimitMils: null,
        monthlyLimitMils: 900_000,
        buyerIds: [],
        postageAdminIds: ['U3'],
        updatedBy: 'U9',
        updatedAt: NOW.toISOString(),
      };
      await store.settings.put(settings);
      expect(await store.settings.get('T1')).toEqual(settings);
      expect(await store.settings.get('T2')).toBeUndefined();
    });

    it('decides a request once; the pass phrase comes out with the decision and is gone after it', async () => {
      await store.approvals.create(request(), PASS_PHRASE);
      await store.approvals.setMessage('R1', '123.456');
      expect(await store.approvals.listPending('T1')).toEqual([request({ messageTs: '123.456' })]);
      const decision = { state: 'approved' as const, decidedBy: 'U2', reason: null, at: NOW.toISOString() };
      const [first, second] = await Promise.all([
        store.approvals.decide('R1', decision),
        store.approvals.decide('R1', { ...decision, decidedBy: 'U3' }),
      ]);
      const winners = [first, second].filter((d) => d !== undefined);
      expect(winners).toHaveLength(1);
      expect(winners[0]?.passPhrase).toBe(PASS_PHRASE);
      expect(winners[0]?.request).toMatchObject({ state: 'approved', decidedAt: NOW.toISOString() });
      expect(await store.approvals.listPending('T1')).toEqual([]);
      expect(await store.approvals.decide('R1', { ...decision, state: 'expired' })).toBeUndefined();
      expect((await store.approvals.get('R1'))?.state).toBe('approved');
    });

    it('lists requests past their expiry across workspaces', async () => {
      await store.approvals.create(request(), PASS_PHRASE);
      await store.approvals.create(
        request({ requestId: 'R2', teamId: 'T2', expiresAt: '2026-04-07T00:00:00.000Z' }),
        'x',
      );
      expect((await store.approvals.listExpired('2026-04-06T05:59:59.000Z')).map((r) => r.requestId)).toEqual(
        [],
      );
      expect((await store.approvals.listExpired('2026-04-06T06:00:00.000Z')).map((r) => r.requestId)).toEqual(
        ['R1'],
      );
    });

    it('lists audit records newest first, per workspace', async () => {
      const base = {
        kind: 'settings-change' as const,
        actorId: 'U1',
        subjectId: null,
        accountId: null,
        amountMils: null,
        transactionId: null,
      };
      await store.audit.add({
        ...base,
        id: 'A1',
        teamId: 'T1',
        detail: 'one',
        at: '2026-04-05T06:00:00.000Z',
      });
      await store.audit.add({
        ...base,
        id: 'A2',
        teamId: 'T1',
        detail: 'two',
        at: '2026-04-05T07:00:00.000Z',
      });
      await store.audit.add({
        ...base,
        id: 'A3',
        teamId: 'T2',
        detail: 'other',
        at: '2026-04-05T08:00:00.000Z',
      });
      expect((await store.audit.list('T1', 10)).map((r) => r.id)).toEqual(['A2', 'A1']);
      expect((await store.audit.list('T1', 1)).map((r) => r.id)).toEqual(['A2']);
    });

    it('sums spending since a time: confirmed, pending and unconfirmed count, refused ones do not', async () => {
      const at = (h: number) => `2026-04-05T0${h}:00:00.000Z`;
      await store.purchases.begin(
        purchase({ requestId: 'P1', userId: 'U1', amountMils: 10_000, state: 'confirmed', createdAt: at(1) }),
      );
      await store.purchases.begin(
        purchase({ requestId: 'P2', userId: 'U1', amountMils: 20_000, state: 'pending', createdAt: at(2) }),
      );
      await store.purchases.begin(
        purchase({ requestId: 'P3', userId: 'U2', amountMils: 40_000, state: 'pending', createdAt: at(3) }),
      );
      await store.purchases.update('P3', { state: 'unconfirmed' });
      await store.purchases.begin(
        purchase({ requestId: 'P4', userId: 'U1', amountMils: 80_000, state: 'pending', createdAt: at(4) }),
      );
      await store.purchases.update('P4', { state: 'failed' });
      await store.purchases.begin(
        purchase({
          requestId: 'P5',
          teamId: 'T2',
          userId: 'U1',
          amountMils: 160_000,
          state: 'confirmed',
          createdAt: at(5),
        }),
      );
      expect(await store.purchases.spentSince('T1', 'U1', at(0))).toBe(30_000);
      expect(await store.purchases.spentSince('T1', 'U1', at(2))).toBe(20_000);
      expect(await store.purchases.spentSince('T1', null, at(0))).toBe(70_000);
      expect((await store.purchases.listByTeam('T1', 10)).map((p) => p.requestId)).toEqual([
        'P4',
        'P3',
        'P2',
        'P1',
      ]);
    });
  });
}
