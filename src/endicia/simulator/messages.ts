const SUPPORT = 'Please contact the Endicia Label Server Support Team.';

// Texts from the ELS guide's appendix B and recorded answers (docs/endicia-els.md §8); note the U+2019
// apostrophes, exactly as the sandbox sends them.
const FIXED: ReadonlyMap<number, string> = new Map([
  [101, 'A generic error occurred.'],
  [102, 'Internal Endicia Error: the request could not be completed.'],
  [1020, 'RecreditAmount must be greater than zero and less than $100,000.'],
  [12100, 'Unknown postage transaction error.'],
  [12101, 'The Certified Intermediary’s account number is invalid.'],
  [12116, 'Invalid credit card on account.'],
  [12117, 'The credit card expiration date has passed.'],
  [12118, 'The purchase amount is too low.'],
  [12119, 'The purchase amount exceeds the account’s purchase limit.'],
  [12120, 'The credit card transaction failed.'],
  [12121, 'The purchase could not be recorded.'],
  [12124, 'A database failure occurred.'],
  [12128, 'The credit card was declined.'],
  [12129, 'The credit card transaction was referred.'],
  [12130, 'The Postage Server is unavailable.'],
  [12131, 'The credit card address verification failed.'],
  [12132, 'Credit card processing is currently unavailable.'],
  [12133, 'The account is locked and may be in use.'],
  [12134, 'The account could not be placed on hold.'],
  [12136, 'The account is busy. Please try again.'],
  [12201, 'The XML request cannot be parsed for all required elements.'],
  [12507, 'The Certified Intermediary’s pass phrase is incorrect.'],
  [12525, 'The account has been suspended and no transactions are allowed.'],
  [12669, 'The new Pass Phrase cannot match up to the four previously used Pass Phrases.'],
  [100002, 'Internal label service error.'],
]);

/** Endicia's text for a Status (without the Log ID suffix); `subject` is the account or element it names. */
export function messageFor(status: number, subject = ''): string {
  switch (status) {
    case 1001:
      return `Missing or invalid data element: ${subject}`;
    case 2010:
      return `Account #${subject} has an invalid status. ${SUPPORT}`;
    case 2011:
      return `Account #${subject} requires a Pass Phrase reset.`;
    case 2012:
      return `Account #${subject} has been suspended due to multiple login attempts with an incorrect Pass Phrase. ${SUPPORT}`;
    case 2013:
      return `Account #${subject} has been suspended. ${SUPPORT}`;
    case 2015:
      return `Account #${subject} is closed. ${SUPPORT}`;
    default:
      return FIXED.get(status) ?? `Error ${status}.`;
  }
}

/** Log IDs like the real ones: five digits, a different one per error answer (deterministic sequence). */
export function createLogIds(start = 45220): () => string {
  let next = start;
  return () => {
    const id = next;
    next = 10000 + ((next - 10000 + 7919) % 90000);
    return String(id);
  };
}
