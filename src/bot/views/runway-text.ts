import { centsToMils, formatUsd } from '../../lib/money.ts';
import {
  ENDICIA_MAX_PURCHASE_CENTS,
  type Runway,
  SUGGESTION_DAYS,
  suggestedPurchase,
} from '../../machine/index.ts';

/** A year: past it, "about 400 days" reads as precision the week's rate does not have. */
const LONG_RUNWAY_DAYS = 365;

/**
 * The runway as people read it: "about 4 days left at this week's rate", or why there is none. Null
 * when nothing is known (the history could not be read): say nothing rather than guess.
 */
export function runwayText(runway: Runway | null | undefined): string | null {
  if (runway === null || runway === undefined) return null;
  switch (runway.kind) {
    case 'not-enough-history':
      return 'not enough history yet';
    case 'no-spending':
      return 'no spending seen this week';
    case 'rate': {
      const days = runway.daysLeft;
      if (days < 1) return "less than a day left at this week's rate";
      if (days > LONG_RUNWAY_DAYS) return "more than a year left at this week's rate";
      return `about ${days} day${days === 1 ? '' : 's'} left at this week's rate`;
    }
  }
}

/** "$210.00 covers about 14 days", within one purchase's cap; null without a rate. */
export function suggestionText(runway: Runway | null | undefined, maxPurchaseCents: number): string | null {
  if (runway === null || runway === undefined) return null;
  const capMils = centsToMils(Math.min(maxPurchaseCents, ENDICIA_MAX_PURCHASE_CENTS));
  const mils = suggestedPurchase(runway, capMils);
  return mils === null ? null : `${formatUsd(mils)} covers about ${SUGGESTION_DAYS} days`;
}
