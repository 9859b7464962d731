import type { ModalView } from '@slack/types';
import type { BotDeps } from '../deps.ts';
import { failedView } from '../views/index.ts';

/** The session is gone (finished, expired after a day, or lost to a crash mid-call). */
export function expiredView(deps: Pick<BotDeps, 'environmentLabel'>, sessionId: string): ModalView {
  return failedView(
    {
      sessionId,
      environmentLabel: deps.environmentLabel,
      revealedPassPhrase: null,
      rememberedAccountId: null,
    },
    'This window is no longer active (it was finished, expired, or the app restarted during a call). Run /postage history to see purchases, or /postage buy to start again.',
  );
}
