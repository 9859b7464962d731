import { describe, expect, it } from 'vitest';
import {
  reloadBoughtNote,
  reloadHold,
  reloadIsOn,
  reloadRequestId,
  reloadsOf,
  reloadUnknown,
} from '../../src/alerts/reload-rule.ts';
import type { AlertSubscription, PurchaseRecord } from '../../src/store/index.ts';
import { purchase, subscription } from '../store/helpers/fixtures.ts';

const NOW = new Date('2026-12-07T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

const sub: AlertSubscription = subscription({
  state: 'alerted',
  alertMessageTs: '1.000001',
  lastBalanceMils: 8_750,
  lastCheckedAt: NOW.toISOString(),
  createdAt: hoursAgo(100),
  alertedAt: NOW.toISOString(),
  reloadAmountMils: 100_000,
  reloadsPerDay: 2,
  reloadOnAt: hoursAgo(50),
  reloadOnBy: 'U1',
});

function reload(createdAt: string, state: PurchaseRecord['state'], channelId = 'C1'): PurchaseRecord {
  return purchase({
    requestId: `reload:T1:${channelId}:${createdAt}`,
    amountMils: 100_000,
    balanceBeforeMils: 8_750,
    state,
    channelId,
    createdAt,
    updatedAt: createdAt,
  });
}

describe('automatic reload rules', () => {
  it('on only with an amount, confirmed by the current owner', () => {
    expect(reloadIsOn(sub)).toBe(true);
    expect(reloadIsOn({ ...sub, ownerUserId: 'U2' })).toBe(false);
    expect(reloadIsOn({ ...sub, reloadOnAt: null })).toBe(false);
    expect(reloadIsOn({ ...sub, reloadAmountMils: null })).toBe(false);
  });

  it("the crossing's id is the same wherever it is derived", () => {
    expect(reloadRequestId({ ...sub, alertedAt: NOW.toISOString() })).toBe(
      `reload:T1:C1:${NOW.toISOString()}`,
    );
  });

  it('counts the last 24 hours (rolling) from the journal, failed ones aside, this channel only', () => {
    const records = reloadsOf(sub, [
      reload(hoursAgo(25), 'confirmed'),
      reload(hoursAgo(23), 'confirmed'),
      reload(hoursAgo(2), 'failed'),
      reload(hoursAgo(1), 'confirmed', 'C2'),
      { ...reload(hoursAgo(1), 'confirmed'), requestId: 'someone-in-the-wizard' },
    ]);
    expect(records).toHaveLength(3);
    expect(reloadHold(sub, records, undefined, NOW)).toBeNull();
    const two = [...records, reload(hoursAgo(0.5), 'confirmed')];
    expect(reloadHold(sub, two, undefined, NOW)).toBe(
      'Automatic reload of $100.00 not made: 2 already made in the last 24 hours (at most 2 a day).',
    );
    // The oldest of them leaves the window: one more may go.
    const later = new Date(NOW.getTime() + 23.5 * 3_600_000);
    expect(reloadHold(sub, two, undefined, later)).toBeNull();
  });

  it('an unsettled reload (pending or unconfirmed) holds every later one, even a day on', () => {
    const lost = [reload(hoursAgo(30), 'unconfirmed')];
    expect(reloadHold(sub, lost, undefined, NOW)).toContain('not known yet');
    expect(reloadHold(sub, [reload(hoursAgo(1), 'pending')], undefined, NOW)).toContain('not known yet');
  });

  it('a lost reload the re-checks could not confirm turns reload off, until the owner turns it on again', () => {
    const closed = { ...reload(hoursAgo(30), 'unconfirmed'), recheckClosedAt: hoursAgo(20) };
    // Not a hold (it would hold forever): the sweep turns reload off with this sentence instead.
    expect(reloadHold(sub, [closed], undefined, NOW)).toBeNull();
    expect(reloadUnknown(sub, [closed])).toBe(
      "Automatic reload of $100.00 not made: an earlier automatic reload of $100.00 could not be confirmed (the balance did not tell). Check the balance and /postage history all before buying. Automatic reload is now off; the alert's owner can turn it on again with /postage alerts → Edit.",
    );
    // Turned on again after it: the owner's word that they checked.
    expect(reloadUnknown({ ...sub, reloadOnAt: hoursAgo(10) }, [closed])).toBeNull();
    // Still being re-checked: a hold, not an unknown.
    const open = reload(hoursAgo(30), 'unconfirmed');
    expect(reloadUnknown(sub, [open])).toBeNull();
    expect(reloadUnknown(sub, [{ ...closed, state: 'confirmed' }])).toBeNull();
  });

  it('above the approval threshold: held; at it: made', () => {
    expect(reloadHold(sub, [], { approvalAboveMils: 99_990 }, NOW)).toContain(
      "above the workspace's approval threshold of $99.99",
    );
    expect(reloadHold(sub, [], { approvalAboveMils: 100_000 }, NOW)).toBeNull();
  });

  it('the receipt says the amount and the new balance, exactly', () => {
    expect(reloadBoughtNote(100_000, 108_750)).toBe('Automatic reload: $100.00, new balance $108.75.');
  });
});
