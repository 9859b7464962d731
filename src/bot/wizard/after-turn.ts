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
  await announce(client, deps.logger, { channelId: context.channelId, userId: context.userId }, message);
}
