import type { WebClient } from '@slack/web-api';
import type { ApprovedPurchaseOutcome } from '../../machine/index.ts';
import type { ApprovalRequest } from '../../store/index.ts';
import { announce } from '../announce.ts';
import type { BotDeps } from '../deps.ts';
import { refreshRequestHomes } from '../home/publish-home.ts';
import { receiptMessage, uncertainMessage } from '../messages/index.ts';
import { botMessage } from '../messages/message.ts';
import { textSection } from '../views/blocks.ts';
import { decidedMessage, decidedSentence } from './approval-message.ts';

type Deps = Pick<
  BotDeps,
  | 'logger'
  | 'environmentLabel'
  | 'audit'
  | 'newId'
  | 'now'
  | 'rechecks'
  | 'purchases'
  | 'credentials'
  | 'approvals'
  | 'alerts'
  | 'settings'
>;

/** The request message in the approvals channel, edited to say where things stand (no buttons). */
export async function editRequestMessage(
  client: WebClient,
  deps: Deps,
  request: ApprovalRequest,
  outcome: ApprovedPurchaseOutcome | null,
): Promise<void> {
  if (request.messageTs === null) return;
  const message = decidedMessage(request, outcome, deps.environmentLabel);
  await client.chat
    .update({ channel: request.channelId, ts: request.messageTs, text: message.text, blocks: message.blocks })
    .catch((error: unknown) => deps.logger.warn('could not edit the approval request message', { error }));
}

/**
 * After a decision (approved and bought or not, denied, cancelled, expired): the request message edited,
 * an audit record, the requester told by DM and, for a purchase, the usual receipt where the wizard ran.
 */
export async function finishDecision(
  client: WebClient,
  deps: Deps,
  request: ApprovalRequest,
  outcome: ApprovedPurchaseOutcome | null,
): Promise<void> {
  await editRequestMessage(client, deps, request, outcome);
  await refreshRequestHomes(client, deps, request);
  const bought = outcome?.kind === 'bought' ? outcome : null;
  await deps.audit
    .add({
      id: deps.newId(),
      teamId: request.teamId,
      kind: 'approval-decision',
      actorId: request.decidedBy ?? request.requesterId,
      subjectId: request.requesterId,
      accountId: request.accountId,
      amountMils: request.amountMils,
      transactionId: bought?.transactionId ?? null,
      detail: `${request.state}${outcome ? ` (${outcome.kind})` : ''}${request.reason ? `: ${request.reason}` : ''}`,
      at: deps.now().toISOString(),
    })
    .catch((error: unknown) =>
      deps.logger.error('could not record the decision in the audit trail', { error }),
    );
  const sentence = decidedSentence(request, outcome);
  await announce(
    client,
    deps.logger,
    { channelId: null, userId: request.requesterId },
    botMessage(deps.environmentLabel, sentence, [textSection('approval_outcome', sentence)]),
  );
  if (request.state !== 'approved' || outcome === null || outcome.kind === 'refused') return;
  const who = {
    accountId: request.accountId,
    userId: request.requesterId,
    environmentLabel: deps.environmentLabel,
  };
  const purchase = {
    amountCents: request.amountMils / 10,
    balanceAfterMils: bought?.balanceAfterMils ?? null,
    transactionId: bought?.transactionId ?? null,
    message: bought?.message ?? null,
    outcome: bought ? ('confirmed' as const) : ('unconfirmed' as const),
    confirmedBy: bought ? ('endicia' as const) : null,
  };
  const posted = await announce(
    client,
    deps.logger,
    { channelId: request.originChannelId, userId: request.requesterId },
    bought ? receiptMessage(purchase, who) : uncertainMessage(purchase, who),
  );
  if (bought) return;
  // Unconfirmed: the later re-checks reply in the notice's thread, as for a wizard purchase.
  if (posted)
    await deps.purchases
      .update(request.requestId, { receipt: { channelId: posted.channel, ts: posted.ts } })
      .catch((error: unknown) => deps.logger.warn('could not keep the notice’s place', { error }));
  await deps.rechecks?.arm(request.requestId);
}
