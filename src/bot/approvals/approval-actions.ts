import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { failure } from '../../machine/index.ts';
import type { ApprovalRequest } from '../../store/index.ts';
import type { Background } from '../background.ts';
import type { BotDeps } from '../deps.ts';
import { textValue } from '../forms/index.ts';
import { settingsOf } from '../settings/team-settings.ts';
import { teamOf } from '../wizard/owner.ts';
import {
  APPROVAL_ACTIONS,
  DENY_CALLBACK_ID,
  DENY_REASON_BLOCK,
  NOT_YOURS_TO_APPROVE,
  NOT_YOURS_TO_CANCEL,
} from './approval-ids.ts';
import { denyView } from './deny-view.ts';
import { editRequestMessage, finishDecision } from './finish-decision.ts';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type Say = (text: string) => Promise<unknown>;

/** Approve, Deny (and its reason modal) and Cancel on approval request messages. */
export function registerApprovalActions(app: App, deps: BotDeps, background: Background): void {
  const on = (id: string, run: (args: ActionArgs, deps: BotDeps, background: Background) => Promise<void>) =>
    app.action<BlockAction>(id, (args: ActionArgs) => run(args, deps, background));
  on(APPROVAL_ACTIONS.approve, approveAction);
  on(APPROVAL_ACTIONS.deny, denyAction);
  on(APPROVAL_ACTIONS.cancel, cancelAction);
  app.view<ViewSubmitAction>(DENY_CALLBACK_ID, (args: ViewArgs) => denySubmission(args, deps, background));
}

const PAST: Record<Exclude<ApprovalRequest['state'], 'pending'>, string> = {
  approved: 'approved',
  denied: 'denied',
  cancelled: 'cancelled',
  expired: 'expired',
};

/** The pending request a click names, or a sentence for the clicker (already decided, unknown). */
async function pendingRequest(
  deps: BotDeps,
  requestId: string,
  teamId: string,
): Promise<ApprovalRequest | string> {
  const request = await deps.approvals.get(requestId);
  if (request === undefined || request.teamId !== teamId) return 'This request no longer exists.';
  if (request.state !== 'pending') return `This request was already ${PAST[request.state]}.`;
  return request;
}

/** Approvers may decide, never on their own request. */
async function mayDecide(deps: BotDeps, request: ApprovalRequest, userId: string): Promise<boolean> {
  const { approverIds } = await settingsOf(deps.settings, request.teamId);
  return approverIds.includes(userId) && userId !== request.requesterId;
}

function clicked({ body, action, respond }: ActionArgs) {
  // A click on the Home tab has no response URL: the answer shows in the Home tab's next publish instead.
  const say: Say = async (text) =>
    body.response_url === undefined
      ? undefined
      : respond({ response_type: 'ephemeral', replace_original: false, text });
  return {
    requestId: action.type === 'button' ? (action.value ?? '') : '',
    teamId: teamOf(body),
    userId: body.user.id,
    say,
  };
}

/**
 * Approve: only an approver (never the requester). The decision is a compare-and-set out of pending,
 * so of two approvers clicking at once one decides; the purchase runs once under the request's id
 * (journal-first: a second run could only replay). The pass phrase leaves the store with the decision.
 */
export async function approveAction(args: ActionArgs, deps: BotDeps, background: Background): Promise<void> {
  await args.ack();
  const { requestId, teamId, userId, say } = clicked(args);
  background.run('approve', async () => {
    const request = await pendingRequest(deps, requestId, teamId);
    if (typeof request === 'string') return say(request);
    if (!(await mayDecide(deps, request, userId))) return say(NOT_YOURS_TO_APPROVE);
    const decided = await deps.approvals.decide(requestId, {
      state: 'approved',
      decidedBy: userId,
      reason: null,
      at: deps.now().toISOString(),
    });
    if (decided === undefined) return say('This request was already decided.');
    await editRequestMessage(args.client, deps, decided.request, null);
    const outcome =
      decided.passPhrase === null
        ? // The sealed login could not be opened (a rotated-out key): nothing is sent.
          ({ kind: 'refused', failure: failure('INTERNAL', { purchase: true }) } as const)
        : await deps.buyApproved({
            requestId,
            teamId,
            userId: request.requesterId,
            channelId: request.originChannelId,
            accountId: request.accountId,
            passPhrase: decided.passPhrase,
            amountCents: request.amountMils / 10,
          });
    return finishDecision(args.client, deps, decided.request, outcome);
  });
}

/** Deny: an approver gets a small modal for an optional reason. */
export async function denyAction(args: ActionArgs, deps: BotDeps, background: Background): Promise<void> {
  await args.ack();
  const { requestId, teamId, userId, say } = clicked(args);
  background.run('deny', async () => {
    const request = await pendingRequest(deps, requestId, teamId);
    if (typeof request === 'string') return say(request);
    if (!(await mayDecide(deps, request, userId))) return say(NOT_YOURS_TO_APPROVE);
    return args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: denyView(request, deps.environmentLabel),
    });
  });
}

export async function denySubmission(
  { ack, body, view, client }: ViewArgs,
  deps: BotDeps,
  background: Background,
) {
  const requestId = view.private_metadata;
  const teamId = teamOf(body);
  const request = await pendingRequest(deps, requestId, teamId);
  if (typeof request === 'string')
    return ack({ response_action: 'errors', errors: { [DENY_REASON_BLOCK]: request } });
  if (!(await mayDecide(deps, request, body.user.id)))
    return ack({ response_action: 'errors', errors: { [DENY_REASON_BLOCK]: NOT_YOURS_TO_APPROVE } });
  const reason = textValue(view.state.values, DENY_REASON_BLOCK, DENY_REASON_BLOCK)?.trim() || null;
  const decided = await deps.approvals.decide(requestId, {
    state: 'denied',
    decidedBy: body.user.id,
    reason,
    at: deps.now().toISOString(),
  });
  await ack();
  if (decided) background.run('denied', () => finishDecision(client, deps, decided.request, null));
}

/** Cancel: only the requester, while pending. */
export async function cancelAction(args: ActionArgs, deps: BotDeps, background: Background): Promise<void> {
  await args.ack();
  const { requestId, teamId, userId, say } = clicked(args);
  background.run('cancel request', async () => {
    const request = await pendingRequest(deps, requestId, teamId);
    if (typeof request === 'string') return say(request);
    if (userId !== request.requesterId) return say(NOT_YOURS_TO_CANCEL);
    const decided = await deps.approvals.decide(requestId, {
      state: 'cancelled',
      decidedBy: null,
      reason: null,
      at: deps.now().toISOString(),
    });
    return decided ? finishDecision(args.client, deps, decided.request, null) : undefined;
  });
}
