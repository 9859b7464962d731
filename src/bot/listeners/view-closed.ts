import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewClosedAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { isBusy, stateOf, type WizardEvent } from '../../machine/index.ts';
import type { RememberedCredentials } from '../../store/index.ts';
import type { Background } from '../background.ts';
import { pausedByForgetting } from '../commands/account-records.ts';
import type { ChannelNote } from '../commands/alerts.ts';
import type { BotDeps } from '../deps.ts';
import { isTicked } from '../forms/index.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_ID_PATTERN, OPTION_VALUES } from '../ids.ts';
import { forgetMessage } from '../messages/index.ts';
import { within } from '../within.ts';
import { isOwner } from '../wizard/owner.ts';
import { backUnderForm, isPushed } from '../wizard/pushed-form.ts';

type Args = SlackViewMiddlewareArgs<ViewClosedAction> & AllMiddlewareArgs;

// How long the close may wait for the session lock before acking and finishing in the background.
const CLOSE_BUDGET_MS = 1_000;

/**
 * Closing a page: the pushed change form goes back to the page below; anything else ends the
 * session. A running call (a purchase) is never interrupted: it settles and is recorded as usual.
 *
 * NOTE: handled before the ack (store work only, bounded by CLOSE_BUDGET_MS). Acking first left the
 * work untracked, so a graceful stop could close the store under it and the CANCEL was lost.
 */
export function registerViewClosed(app: App, deps: BotDeps, background: Background): void {
  app.view<ViewClosedAction>({ callback_id: CALLBACK_ID_PATTERN, type: 'view_closed' }, (args: Args) =>
    viewClosed(args, deps, background),
  );
}

/** The listener body, callable without an App (unit tests hand it a fake `ack` and `client`). */
export async function viewClosed(
  { ack, body, view, client }: Args,
  deps: BotDeps,
  background: Background,
): Promise<void> {
  try {
    const sessionId = view.private_metadata;
    // Forgetting is a side matter: its failure must not keep the session from being closed.
    const forgot = await forgetIfUnticked(deps, sessionId, body, view).catch((error: unknown) => {
      deps.logger.warn('could not forget on close', { error });
      return null;
    });
    if (forgot !== null) background.run('forgotten on close', () => tellForgotten(client, deps, forgot));
    const event = await closeEvent(deps, sessionId, body, view);
    if (event === null) return;
    const sending = deps.runner.send(sessionId, event);
    const sent = await within(sending, CLOSE_BUDGET_MS);
    if (!sent.done) background.run('view closed', () => sending);
  } finally {
    await ack();
  }
}

/** What closing this view means for its session, or null for nothing at all. */
async function closeEvent(
  deps: BotDeps,
  sessionId: string,
  body: ViewClosedAction,
  view: ViewClosedAction['view'],
): Promise<WizardEvent | null> {
  const current = await deps.runner.peek(sessionId);
  if (!current || isBusy(current) || !isOwner(current, body)) return null;
  const pushed = isPushed(view);
  // The "changed" notice a slow change left on the pushed form, closed over a live wizard page: that
  // page carries on (CANCEL here would end the session the page below still shows).
  if (!body.is_cleared && backUnderForm(pushed, current)) return null;
  const backToPage =
    pushed && !body.is_cleared && stateOf(current) === 'changeForm' && current.context.entry === 'wizard';
  return backToPage ? { type: 'BACK' } : { type: 'CANCEL' };
}

/**
 * The desktop wizard's rule: "uncheck Remember and close the form to leave the textboxes blank". Closing
 * the account page with Remember unticked forgets the remembered login (for that account only).
 */
async function forgetIfUnticked(
  deps: BotDeps,
  sessionId: string,
  body: ViewClosedAction,
  view: ViewClosedAction['view'],
): Promise<Forgotten | null> {
  // `state` is absent from some payloads (nothing was ever typed); then nothing was unticked either.
  const values = view.state?.values ?? {};
  if (values[BLOCK_IDS.remember] === undefined) return null;
  if (isTicked(values, BLOCK_IDS.remember, ACTION_IDS.remember, OPTION_VALUES.remember)) return null;
  const current = await deps.runner.peek(sessionId);
  if (!current || stateOf(current) !== 'account' || !isOwner(current, body)) return null;
  const remembered = current.context.remembered;
  if (remembered === null) return null;
  const { teamId, userId, channelId } = current.context;
  const saved = await deps.credentials.get(teamId, userId);
  if (saved?.accountId !== remembered.accountId) return null;
  if (!(await deps.credentials.delete(teamId, userId))) return null;
  return { teamId, userId, channelId, before: saved };
}

/** A login forgotten by closing the wizard with Remember unticked. */
interface Forgotten {
  teamId: string;
  userId: string;
  /** Where the wizard was opened (null when not from a channel). */
  channelId: string | null;
  before: RememberedCredentials;
}

/**
 * Forgetting without a word surprises people: say it where the wizard was opened (only to them), and
 * tell the channels whose alerts it pauses.
 */
async function tellForgotten(client: WebClient, deps: BotDeps, forgot: Forgotten): Promise<void> {
  const watching = await deps.alerts.listByOwner(forgot.teamId, forgot.userId);
  const notes: Promise<unknown>[] = [];
  const note: ChannelNote = (channel, message) => {
    notes.push(
      client.chat
        .postMessage({ channel, text: message.text, blocks: message.blocks })
        .catch((error: unknown) =>
          deps.logger.warn('alerts-paused note not posted', { channelId: channel, error }),
        ),
    );
  };
  pausedByForgetting(deps, watching, forgot.before, note);
  await Promise.all(notes);
  if (forgot.channelId === null) return;
  const message = forgetMessage({
    hadCredentials: true,
    alertChannels: watching.map((sub) => sub.channelId),
    environmentLabel: deps.environmentLabel,
    closedUnticked: true,
  });
  await client.chat.postEphemeral({
    channel: forgot.channelId,
    user: forgot.userId,
    text: message.text,
    blocks: message.blocks,
  });
}
