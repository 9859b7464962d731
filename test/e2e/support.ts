import type { ViewOutput } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { type Harness, type HarnessOptions, startHarness } from '../helpers/bot-harness.ts';
import type { SlackUser } from '../helpers/fake-slack/index.ts';

/* Shared steps of the end-to-end suite: the wizard's usual paths, and waits that need no luck. */

export { clickIn, closeIn, replaySubmission } from './raw.ts';
export {
  ALL_PHRASES,
  expectNoLeaks,
  holdsSecret,
  NEW_PHRASES,
  shown,
  slackText,
  WRONG_PHRASE,
} from './secrets.ts';

/** A sim account as the tests log in with it. */
export interface Login {
  accountId: string;
  passPhrase: string;
}

/** A predicate on the callback_id of the view on top. */
export const page =
  (state: string) =>
  (view: ViewOutput): boolean =>
    view.callback_id === `postage/${state}`;

/** `/postage <text>` and the wizard's first page. */
export async function openWizard(user: SlackUser, text = 'buy'): Promise<ViewOutput> {
  const opened = await user.command('/postage', text);
  expect(opened.status).toBe(200);
  return user.waitForView(page(text.startsWith('passphrase') ? 'changeForm' : 'account'));
}

/** Fills the account page (remember ticked or not) and submits it. */
export async function submitLogin(user: SlackUser, login: Login, options: { remember?: boolean } = {}) {
  user.fill('account_id', 'account_id', login.accountId);
  user.fill('pass_phrase', 'pass_phrase', login.passPhrase);
  if (options.remember !== undefined)
    user.check('remember', 'remember', options.remember ? ['remember'] : []);
  return user.submit();
}

/** Opens the wizard, logs in and waits for the Postage Details page. */
export async function loggedIn(
  user: SlackUser,
  login: Login,
  options: { remember?: boolean; text?: string } = {},
): Promise<ViewOutput> {
  await openWizard(user, options.text);
  await submitLogin(user, login, options);
  return user.waitForView(page('details'));
}

/** From the details page: types an amount, reviews, and waits for the confirmation page. */
export async function reviewed(user: SlackUser, amount: string): Promise<ViewOutput> {
  user.fill('amount', 'amount', amount);
  const review = await user.submit();
  expect(review.status).toBe(200);
  return user.waitForView(page('confirming'));
}

/** How many BuyPostage calls reached the simulator for an account. */
export function buyCalls(h: Harness, accountId: string): number {
  return h.sim.calls.filter((call) => call.op === 'BuyPostage' && call.accountId === accountId).length;
}

/**
 * Waits until the app has no work left (background Slack updates, receipts, Endicia calls) by
 * restarting it gracefully: "nothing more happens" becomes a fact, not a sleep. People created before
 * belong to the old app; create new ones afterwards.
 */
export async function settle(h: Harness): Promise<void> {
  const { drained } = await h.restart();
  expect(drained).toBe(true);
}

/** Polls an async condition (app state Slack cannot see) until it holds; generous bound, no luck. */
export async function eventually(probe: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The wizard state stored for a modal's session (undefined when none is stored). */
export async function storedState(h: Harness, sessionId: string): Promise<string | undefined> {
  const stored = (await h.running.store.sessions.get(sessionId)) as
    | { snapshot?: { value?: unknown } }
    | undefined;
  const value = stored?.snapshot?.value;
  return typeof value === 'string' ? value : undefined;
}

/**
 * One app for the file: started before its tests, closed after them, and after every test no slow ack
 * and no Block Kit violation recorded by the fake Slack. `set` receives the running harness.
 */
export function useHarness(set: (h: Harness) => void, options?: HarnessOptions): void {
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startHarness(options);
    set(started);
  });
  afterAll(async () => {
    await started?.close();
  });
  afterEach(() => {
    expect(started?.fake.violations).toEqual([]);
  });
}

/** A person in workspace `teamId` typing in their own channel (`C` + the user id without its `U`). */
export const personOf = (h: Harness, teamId: string, userId: string): SlackUser =>
  h.driver.user({ teamId, userId, channelId: `C${userId.slice(1)}` });

/** What `/postage balance` answers this person (the ack body, as text). */
export async function balanceText(user: SlackUser): Promise<string> {
  const reply = await user.command('/postage', 'balance');
  return JSON.stringify(reply.body);
}
