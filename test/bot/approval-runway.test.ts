import { describe, expect, it } from 'vitest';
import { approvalRequestMessage } from '../../src/bot/approvals/approval-message.ts';
import type { ApprovalRequest } from '../../src/store/index.ts';

const REQUEST: ApprovalRequest = {
  requestId: 'r-1',
  teamId: 'T1',
  requesterId: 'U1',
  accountId: '2500001',
  amountMils: 250_000,
  balanceMils: 40_000,
  channelId: 'C0APPROVE',
  messageTs: null,
  originChannelId: null,
  state: 'pending',
  decidedBy: null,
  reason: null,
  createdAt: '2026-12-07T12:00:00.000Z',
  expiresAt: '2026-12-08T12:00:00.000Z',
  decidedAt: null,
};

describe('the approval request message', () => {
  it('shows the runway when the requester’s login read one, and no row when not', () => {
    const runway = { kind: 'rate', spentMils: 70_000, spanMs: 7 * 86_400_000, daysLeft: 4 } as const;
    const shown = JSON.stringify(approvalRequestMessage(REQUEST, null, runway).blocks);
    expect(shown).toContain('Runway');
    expect(shown).toContain("about 4 days left at this week's rate");
    expect(shown).toContain('$40.00');
    expect(JSON.stringify(approvalRequestMessage(REQUEST, null).blocks)).not.toContain('Runway');
  });
});
