import type { WebClient } from '@slack/web-api';
import { stateOf, type WizardEvent, type WizardSnapshot } from '../../machine/index.ts';
import { announce } from '../announce.ts';
import type { BotDeps } from '../deps.ts';
import { receiptMessage, uncertainMessage } from '../messages/index.ts';

/**
 * Side effects of a settled turn that are Slack's business, not the machine's: a purchase that ended
 * (bought, or not confirmable) is announced where the wizard was started, or to the buyer by DM.
 */
export async function afterTurn(
  client: WebClient,
  deps: BotDeps,
  event: WizardEvent,
  settled: WizardSnapshot,
): Promise<void> {
  if (event.type !== 'CONFIRM') return;
  const state = stateOf(settled);
  const { context } = settled;
  if ((state !== 'done' && state !== 'uncertain') || context.purchase === null) return;
  const args = {
    accountId: context.purchase.before.accountId,
    userId: context.userId,
    environmentLabel: deps.environmentLabel,
  };
  const message =
    state === 'done' ? receiptMessage(context.purchase, args) : uncertainMessage(context.purchase, args);
  const posted = await announce(
    client,
    deps.logger,
    { channelId: context.channelId, userId: context.userId },
    message,
  );
  if (state === 'uncertain') await followUp(deps, context.purchase.requestId, posted);
}

/**
 * A purchase turn that never settled (its session could not be stored, or it outlived the settle
 * timeout): the journal still knows what Endicia said, so the buyer hears it anyway.
 */
export async function announceFromJournal(
  client: WebClient,
  deps: BotDeps,
  event: WizardEvent,
  before: WizardSnapshot,
): Promise<void> {
  const purchase = before.context.purchase;
  if (event.type !== 'CONFIRM' || purchase === null) return;
  const record = await deps.purchases.get(purchase.requestId);
  if (record === undefined || record.state === 'failed') return;
  const confirmed = record.state === 'confirmed';
  const view = {
    ...purchase,
    transactionId: record.transactionId,
    balanceAfterMils: record.balanceAfterMils,
    message: record.message,
    // The journal does not say how a confirmed purchase is known: the receipt then claims no balance proof.
    outcome: confirmed ? ('confirmed' as const) : ('unconfirmed' as const),
    confirmedBy: null,
  };
  const args = {
    accountId: record.accountId,
    userId: record.userId,
    environmentLabel: deps.environmentLabel,
  };
  const message = confirmed ? receiptMessage(view, args) : uncertainMessage(view, args);
  const posted = await announce(
    client,
    deps.logger,
    { channelId: record.channelId, userId: record.userId },
    message,
  );
  if (!confirmed) await followUp(deps, record.requestId, posted);
}

/**
 * An unconfirmed purchase: keep where its notice landed (the re-checks reply in that thread) and arm its
 * later re-checks. Armed even when the notice could not be posted or kept: the outcome then goes to the
 * channel or by DM.
 */
async function followUp(deps: BotDeps, requestId: string, posted: { channel: string; ts: string } | null) {
  if (posted) {
    await deps.purchases
      .update(requestId, { receipt: { channelId: posted.channel, ts: posted.ts } })
      .catch((error: unknown) =>
        deps.logger.warn('could not keep the receipt’s place', { requestId, error }),
      );
  }
  await deps.rechecks?.arm(requestId);
}
