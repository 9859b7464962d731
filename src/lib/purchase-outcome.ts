/**
 * How a purchase ended: the one vocabulary from Endicia's answer through the journal to what people are
 * shown. The purchase journal stores exactly these strings (and `pending` before one is known), old
 * records included: never rename them.
 *
 * - `confirmed`: the postage was bought. Endicia said so, or (its answer lost) the account moved by exactly
 *   the amount since the reading the purchase was made against (see {@link ConfirmedBy}).
 * - `failed`: Endicia said no (or the request never left the bot): nothing was bought. Only Endicia's own
 *   answer, never a balance reading, can say this.
 * - `unconfirmed`: nobody can tell. Endicia's answer was lost (or the app stopped mid-purchase) and the
 *   account does not prove the purchase (see {@link UnconfirmedWhy}). It may have gone through: never buy
 *   again blindly.
 */
export const PURCHASE_OUTCOMES = ['confirmed', 'failed', 'unconfirmed'] as const;
export type PurchaseOutcome = (typeof PURCHASE_OUTCOMES)[number];

/** What reading the account can decide: never `failed` (only Endicia's answer says nothing was bought). */
export type ReconciledOutcome = Exclude<PurchaseOutcome, 'failed'>;

/** How a `confirmed` purchase is known: Endicia's answer, or the balance after the answer was lost. */
export type ConfirmedBy = 'endicia' | 'balance';

/**
 * Why reading the account left a purchase `unconfirmed`:
 * - `not-moved`: the account did not move (probably not bought, but Endicia never said no);
 * - `moved-otherwise`: it moved by another sum (someone printed or bought meanwhile);
 * - `not-comparable`: the readings cannot be compared (different accounts, no reading from before, or a
 *   later purchase on the account that "before + amount" could also be);
 * - `unreadable`: the account could not be re-read;
 * - `no-login`: no usable remembered login to read it with (none, or a refused one): nothing was sent.
 */
export type UnconfirmedWhy = 'not-moved' | 'moved-otherwise' | 'not-comparable' | 'unreadable' | 'no-login';

/** A reconciliation's decision without the reading: what a buyer is told after a later re-check. */
export type Verdict = { outcome: 'confirmed' } | { outcome: 'unconfirmed'; why: UnconfirmedWhy };

/**
 * What re-reading the account says about a purchase whose answer is missing, with the reading (`S`: the
 * layer's own picture of an account). `reason` is a sentence for logs, never shown to people.
 */
export type Reconciliation<S> =
  | { outcome: 'confirmed'; status: S }
  | { outcome: 'unconfirmed'; why: UnconfirmedWhy; status: S | null; reason?: string };
