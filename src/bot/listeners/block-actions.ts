import type { App, BlockAction } from '@slack/bolt';
import { isBusy, stateOf, type WizardEvent } from '../../machine/index.ts';
import type { Background } from '../background.ts';
import type { BotDeps } from '../deps.ts';
import { textValue } from '../forms/index.ts';
import { ACTION_IDS, BLOCK_IDS, OPTION_VALUES } from '../ids.ts';
import { openWizard } from '../wizard/open-wizard.ts';
import { isOwner, teamOf } from '../wizard/owner.ts';
import { render } from '../wizard/render.ts';
import type { ActionArgs, ActionListener } from './action-listener.ts';
import { ALERT_HANDLING_ACTIONS, alertHandlingAction } from './alert-handling.ts';
import { alertSettingsEditAction } from './alert-settings.ts';

type Args = ActionArgs;

/** Buttons and checkboxes inside the wizard, and the "Buy postage" button on alert messages. */
export function registerBlockActions(app: App, deps: BotDeps, background: Background): void {
  const on = (actionId: string, listener: ActionListener) =>
    app.action<BlockAction>(actionId, (args: Args) => listener(args, deps, background));
  on(ACTION_IDS.back, backAction);
  on(ACTION_IDS.logout, logoutAction);
  on(ACTION_IDS.openChange, openChangeAction);
  on(ACTION_IDS.reveal, revealAction);
  on(ACTION_IDS.alertBuy, alertBuyAction);
  for (const [actionId, handling] of ALERT_HANDLING_ACTIONS) on(actionId, alertHandlingAction(handling));
  on(ACTION_IDS.alertSettingsEdit, alertSettingsEditAction);
}

/**
 * Acks at once (Slack's 3 s), then runs the work as tracked background work: a graceful stop waits for
 * it instead of closing the store under a half-done click.
 */
const acked =
  (name: string, work: (args: Args, deps: BotDeps) => Promise<unknown>): ActionListener =>
  async (args, deps, background) => {
    await args.ack();
    background.run(name, () => work(args, deps));
  };

/** Sends one in-modal event and re-renders the same view (with its hash: a stale click loses). */
const step = (event: WizardEvent, expected: ReturnType<typeof stateOf>) =>
  acked(event.type, async ({ body, client }: Args, deps) => {
    const view = body.view;
    if (!view) return;
    const current = await deps.runner.peek(view.private_metadata);
    if (!current || isBusy(current) || stateOf(current) !== expected || !isOwner(current, body)) return;
    const result = await deps.runner.send(view.private_metadata, event);
    if ('missing' in result) return;
    await client.views.update({ view_id: view.id, hash: view.hash, view: render(result.immediate, deps) });
  });

export const backAction = step({ type: 'BACK' }, 'confirming');
export const logoutAction = step({ type: 'LOGOUT' }, 'details');

export const openChangeAction = acked('open change', async ({ body, client }: Args, deps) => {
  const view = body.view;
  if (!view) return;
  const current = await deps.runner.peek(view.private_metadata);
  if (!current || isBusy(current) || !isOwner(current, body)) return;
  // What was typed into Account Number (not yet submitted) carries into the change form.
  const typed = textValue(view.state?.values ?? {}, BLOCK_IDS.accountId, ACTION_IDS.accountId);
  const event: WizardEvent =
    typed === null ? { type: 'OPEN_CHANGE' } : { type: 'OPEN_CHANGE', accountId: typed };
  const result = await deps.runner.send(view.private_metadata, event);
  if ('missing' in result || stateOf(result.immediate) !== 'changeForm') return;
  // The change form goes on top of the account page (the desktop wizard's second window).
  await client.views.push({ trigger_id: body.trigger_id, view: render(result.immediate, deps) });
});

export const revealAction = acked('reveal', async ({ body, client, action }: Args, deps) => {
  const view = body.view;
  if (!view || action.type !== 'checkboxes') return;
  const current = await deps.runner.peek(view.private_metadata);
  // The remembered phrase goes only to its owner: same user *and* same workspace.
  if (!current || stateOf(current) !== 'account' || !isOwner(current, body)) return;
  const wanted = action.selected_options.some((option) => option.value === OPTION_VALUES.reveal);
  let revealed: string | null = null;
  const accountId = current.context.remembered?.accountId ?? null;
  // Only the person's own remembered phrase, only for the remembered account, only on request, and
  // never while the account is blocked: typed in, a refused phrase would count toward a suspension.
  if (wanted && accountId !== null) {
    revealed = await deps.remembered.reveal(current.context.teamId, current.context.userId, accountId);
  }
  await client.views.update({ view_id: view.id, hash: view.hash, view: render(current, deps, revealed) });
});

export const alertBuyAction = acked('alert buy', async ({ body, client, action, respond }: Args, deps) => {
  const accountId = action.type === 'button' ? (action.value ?? null) : null;
  const teamId = teamOf(body);
  const problem = await openWizard(client, deps, {
    triggerId: body.trigger_id,
    teamId,
    userId: body.user.id,
    channelId: body.channel?.id ?? null,
    entry: 'wizard',
    amountDraft: null,
    accountId,
  });
  if (problem) await respond({ response_type: 'ephemeral', replace_original: false, text: problem });
});
