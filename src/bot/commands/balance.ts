import type { BalanceCheck } from '../../machine/index.ts';
import type { Background } from '../background.ts';
import type { BotDeps } from '../deps.ts';
import { balanceMessage, blockedMessage, failureMessage, notRememberedMessage } from '../messages/index.ts';
import { within } from '../within.ts';
import type { CommandArgs, Reply } from './reply.ts';
import { STORE_FAILED } from './store-failed.ts';

// A command reply may wait a little for Endicia before falling back to "checking…" + response_url.
const COMMAND_BUDGET_MS = 1_500;

/** `/postage balance`: balance and status of the caller's remembered account. */
export async function balanceCommand(
  { ack, respond }: CommandArgs,
  deps: BotDeps,
  background: Background,
  who: { teamId: string; userId: string },
): Promise<void> {
  const check = deps.checkBalance(who.teamId, who.userId).catch((error: unknown): BalanceCheck => {
    deps.logger.error('/postage balance failed', { error });
    return { kind: 'store-failed' };
  });
  const quick = await within(check, COMMAND_BUDGET_MS);
  if (quick.done) {
    await ack({ response_type: 'ephemeral', ...replyFor(quick.value, deps) });
    return;
  }
  await ack({ response_type: 'ephemeral', text: 'Checking your Endicia balance…' });
  background.run('balance reply', async () => {
    await respond({ response_type: 'ephemeral', replace_original: true, ...replyFor(await check, deps) });
  });
}

function replyFor(check: BalanceCheck, deps: BotDeps): Reply {
  switch (check.kind) {
    case 'ok':
      return balanceMessage({
        ...check,
        readAt: deps.now().toISOString(),
        environmentLabel: deps.environmentLabel,
      });
    case 'not-remembered':
      return notRememberedMessage(deps.environmentLabel);
    case 'blocked':
      return blockedMessage(check.accountId, deps.environmentLabel);
    case 'store-failed':
      return failureMessage(STORE_FAILED, deps.environmentLabel);
    default:
      return failureMessage(check.failure.message, deps.environmentLabel);
  }
}
