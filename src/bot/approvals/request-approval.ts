import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { formatUsd } from '../../lib/money.ts';
import type { WizardSnapshot } from '../../machine/index.ts';
import type { ApprovalRequest } from '../../store/index.ts';
import type { Background } from '../background.ts';
import type { BotDeps } from '../deps.ts';
import { refreshRequestHomes } from '../home/publish-home.ts';
import { channelMention } from '../messages/message.ts';
import { settingsOf } from '../settings/team-settings.ts';
import { environmentBlocks, textSection } from '../views/blocks.ts';
import { plain } from '../views/text.ts';
import { APPROVAL_TTL_MS } from './approval-ids.ts';
import { approvalRequestMessage } from './approval-message.ts';

/** The page the wizard shows instead of buying: the request went to the approvals channel. */
function sentView(deps: Pick<BotDeps, 'environmentLabel'>, text: string): ModalView {
  return {
    type: 'modal',
    callback_id: 'postage_approval_sent',
    private_metadata: '',
    title: plain('Buy Postage', 24),
    close: plain('Done', 24),
    blocks: [...environmentBlocks(deps.environmentLabel), textSection('approval_sent', text)],
  };
}

/**
 * At Confirm: a purchase above the workspace's threshold is not bought. It becomes an approval request
 * (the requester's pass phrase sealed with it until decided), the wizard's session closes, and the page
 * says "Sent for approval to #channel". Null when no approval is needed: the purchase goes ahead.
 */
export async function requestApproval(
  client: WebClient,
  deps: BotDeps,
  background: Background,
  snapshot: WizardSnapshot,
): Promise<ModalView | null> {
  const { context } = snapshot;
  const { purchase, credentials } = context;
  if (purchase === null || credentials === null) return null;
  const settings = await settingsOf(deps.settings, context.teamId);
  const amountMils = purchase.amountCents * 10;
  if (settings.approvalAboveMils === null || settings.approvalsChannelId === null) return null;
  if (amountMils <= settings.approvalAboveMils) return null;
  const now = deps.now();
  const request: ApprovalRequest = {
    requestId: purchase.requestId,
    teamId: context.teamId,
    requesterId: context.userId,
    accountId: credentials.accountId,
    amountMils,
    balanceMils: purchase.before.balanceMils,
    channelId: settings.approvalsChannelId,
    messageTs: null,
    originChannelId: context.channelId,
    state: 'pending',
    decidedBy: null,
    reason: null,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + APPROVAL_TTL_MS).toISOString(),
    decidedAt: null,
  };
  try {
    await deps.approvals.create(request, credentials.passPhrase);
    await deps.audit.add({
      id: deps.newId(),
      teamId: request.teamId,
      kind: 'approval-request',
      actorId: request.requesterId,
      subjectId: null,
      accountId: request.accountId,
      amountMils,
      transactionId: null,
      detail: `above the approval threshold of ${formatUsd(settings.approvalAboveMils)}`,
      at: request.createdAt,
    });
  } catch (error) {
    deps.logger.error('could not store the approval request; nothing was bought', { error });
    return sentView(
      deps,
      ':warning: Could not send the purchase for approval — nothing was bought, try again.',
    );
  }
  // The wizard ends here: its session (and the typed pass phrase in it) goes; the request holds it sealed.
  await deps.runner.send(context.sessionId, { type: 'CANCEL' });
  background.run('post approval request', async () => {
    const message = approvalRequestMessage(request, deps.environmentLabel, purchase.before.runway ?? null);
    const posted = await client.chat.postMessage({
      channel: request.channelId,
      text: message.text,
      blocks: message.blocks,
    });
    if (posted.ts) await deps.approvals.setMessage(request.requestId, posted.ts);
    await refreshRequestHomes(client, deps, request);
  });
  return sentView(
    deps,
    `:raised_hand: Sent for approval to ${channelMention(request.channelId)}: *${formatUsd(amountMils)}* for account ${credentials.accountId}. Nothing is bought until an approver says yes; you will get a message either way.`,
  );
}
