import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import {
  isBusy,
  stateOf,
  type TurnResult,
  type WizardSnapshot,
  type WizardState,
} from '../../machine/index.ts';
import { requestApproval } from '../approvals/request-approval.ts';
import type { Background } from '../background.ts';
import type { BotDeps } from '../deps.ts';
import { failureBlockErrors } from '../forms/index.ts';
import { BLOCK_IDS, CALLBACK_ID_PATTERN, stateOfCallbackId } from '../ids.ts';
import { within } from '../within.ts';
import { afterTurn, announceFromJournal } from '../wizard/after-turn.ts';
import { eventForSubmission } from '../wizard/event-for.ts';
import { expiredView } from '../wizard/expired.ts';
import { isOwner } from '../wizard/owner.ts';
import { backUnderForm, isPushed } from '../wizard/pushed-form.ts';
import { render } from '../wizard/render.ts';
import { spendingErrors } from '../wizard/spending-at-field.ts';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

// How long a submission may wait for the session lock before acking with the working page.
const QUEUE_BUDGET_MS = 1_000;

/**
 * Every wizard page's submit button. One Slack request = one turn: validate at the field, send one
 * event, and answer within Slack's 3 s — with the final page when Endicia is quick, else with a
 * "working…" page now and `views.update` when the call settles.
 */
export function registerViewSubmission(app: App, deps: BotDeps, background: Background): void {
  app.view<ViewSubmitAction>(CALLBACK_ID_PATTERN, (args: Args) => viewSubmission(args, deps, background));
}

/** The listener body, callable without an App (unit tests hand it a fake `ack` and `client`). */
export async function viewSubmission(
  { ack, body, view, client }: Args,
  deps: BotDeps,
  background: Background,
): Promise<void> {
  // The reply budget counts from here, so store work and a queued turn come out of it, not on top of it.
  const deadline = performance.now() + deps.replyBudgetMs;
  const sessionId = view.private_metadata;
  const update = (next: ReturnType<typeof render>) => ack({ response_action: 'update', view: next });

  const current = await deps.runner.peek(sessionId);
  // A session belongs to the person who opened it; anything else is treated as gone.
  if (current === undefined || !isOwner(current, body)) {
    await update(expiredView(deps, sessionId));
    return;
  }
  // A second click while Endicia works (double submit): show the working page, send nothing.
  if (isBusy(current)) return update(render(current, deps));
  const submitted = stateOfCallbackId(view.callback_id);
  const pushed = isPushed(view);
  // Done on the "changed" notice a slow change left on the pushed form: close it; the page below is live.
  if (submitted === 'changed' && backUnderForm(pushed, current)) return ack();
  if (submitted !== stateOf(current)) return update(render(current, deps));

  const parsed = eventForSubmission(submitted, view.state.values, current, deps, view.id);
  if ('errors' in parsed) return ack({ response_action: 'errors', errors: parsed.errors });
  if ('close' in parsed) return ack();

  const event = parsed.event;
  if (event.type === 'REVIEW') {
    const refused = await spendingErrors(deps, current, event.amountCents);
    if (refused) return ack({ response_action: 'errors', errors: refused });
  }
  if (event.type === 'CONFIRM') {
    // Above the approval threshold: not bought, sent to the approvers instead.
    const sent = await requestApproval(client, deps, background, current);
    if (sent) return ack({ response_action: 'update', view: sent });
  }
  const sending = deps.runner.send(sessionId, event);
  const queued = await within(sending, QUEUE_BUDGET_MS);
  if (!queued.done) {
    // Another click's call holds the session (two submits raced past peek): answer now with the
    // working page; this event reaches the settled page later, which ignores a repeat.
    const live = await deps.runner.peek(sessionId);
    background.run('queued submission', async () => {
      const late = await sending;
      // If it still started a call (it should not), finish it like any slow turn: never a silent purchase.
      if (!('missing' in late) && isBusy(late.immediate)) await followUp(late, current);
    });
    return update(live ? render(live, deps) : expiredView(deps, sessionId));
  }
  const result = queued.value;
  if ('missing' in result) return update(expiredView(deps, sessionId));

  const answer = async (settled: WizardSnapshot) => {
    await ack(ackBody(settled, submitted, pushed, deps, BLOCK_IDS.passPhraseShown in view.state.values));
    if (backUnderForm(pushed, settled) && view.root_view_id) {
      const rootId = view.root_view_id;
      // The change form was pushed over a wizard page: it closes, the page below shows the notice.
      background.run('views.update root', () =>
        client.views.update({ view_id: rootId, view: render(settled, deps) }),
      );
    }
    // Only the turn that ran the call announces its outcome. A second Confirm that waited for the
    // session lock lands on the settled 'done' page, is ignored there, and must not post a second receipt.
    if (isBusy(result.immediate)) background.run('after turn', () => afterTurn(client, deps, event, settled));
  };

  if (!isBusy(result.immediate)) return answer(result.immediate);
  const quick = await within(result.settled, Math.max(0, deadline - performance.now())).catch(() => ({
    done: false as const,
  }));
  if (quick.done) return answer(quick.value);

  await update(render(result.immediate, deps));
  background.run('views.update after call', () => followUp(result, current));

  /**
   * A turn that outlived the ack: announce first (the buyer may have closed the modal, and a failed
   * views.update must not swallow a receipt), then bring the modal up to date.
   */
  async function followUp(turn: TurnResult, before: WizardSnapshot): Promise<void> {
    let settled: WizardSnapshot;
    try {
      settled = await turn.settled;
    } catch (error) {
      deps.logger.error('wizard turn did not settle', { sessionId, error });
      background.run('announce from journal', () => announceFromJournal(client, deps, event, before));
      await client.views.update({ view_id: view.id, view: expiredView(deps, sessionId) });
      return;
    }
    background.run('after turn', () => afterTurn(client, deps, event, settled));
    const target = backUnderForm(pushed, settled) && view.root_view_id ? view.root_view_id : view.id;
    if (target !== view.id) {
      await client.views.update({ view_id: view.id, view: render(settled, deps, null, 'changed') });
    }
    await client.views.update({ view_id: target, view: render(settled, deps) });
  }
}

/** The ack for a settled turn: close, keep typing with errors under the field, or replace the page. */
function ackBody(
  settled: WizardSnapshot,
  submitted: WizardState,
  pushed: boolean,
  deps: BotDeps,
  passPhraseShown: boolean,
) {
  const state = stateOf(settled);
  if (state === 'closed') return undefined;
  if (backUnderForm(pushed, settled)) return undefined;
  const errors =
    state === submitted ? failureBlockErrors(settled.context.failure, { passPhraseShown }) : null;
  if (errors) return { response_action: 'errors' as const, errors };
  return { response_action: 'update' as const, view: render(settled, deps) };
}
