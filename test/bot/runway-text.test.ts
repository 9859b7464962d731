import { describe, expect, it } from 'vitest';
import { runwayText, suggestionText } from '../../src/bot/views/runway-text.ts';

const rate = (daysLeft: number, spentMils = 70_000, spanMs = 7 * 86_400_000) =>
  ({ kind: 'rate', spentMils, spanMs, daysLeft }) as const;

describe('runwayText', () => {
  it('words each case, and says nothing when nothing is known', () => {
    expect(runwayText(rate(4))).toBe("about 4 days left at this week's rate");
    expect(runwayText(rate(1))).toBe("about 1 day left at this week's rate");
    expect(runwayText(rate(0))).toBe("less than a day left at this week's rate");
    expect(runwayText(rate(400))).toBe("more than a year left at this week's rate");
    expect(runwayText({ kind: 'not-enough-history' })).toBe('not enough history yet');
    expect(runwayText({ kind: 'no-spending' })).toBe('no spending seen this week');
    expect(runwayText(null)).toBeNull();
    expect(runwayText(undefined)).toBeNull();
  });
});

describe('suggestionText', () => {
  it('$10.00 a day covers 14 days with $140.00, within the cap', () => {
    expect(suggestionText(rate(4), 100_000_00)).toBe('$140.00 covers about 14 days');
    expect(suggestionText(rate(4), 100_00)).toBe('$100.00 covers about 14 days');
    expect(suggestionText({ kind: 'no-spending' }, 100_000_00)).toBeNull();
  });
});
