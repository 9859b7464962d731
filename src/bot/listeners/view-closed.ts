import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewClosedAction } from '@slack/bolt';
import { isBusy, stateOf } from '../../machine/index.ts';
import type { BotDeps } from '../deps.ts';
import { CALLBACK_ID_PATTERN } from '../ids.ts';

type Args = SlackViewMiddlewareArgs<ViewClosedAction> & AllMiddlewareArgs;

/**
 * Closing a page: the pushed change form goes back to the account page; anything else ends the
 * session. A running call (a purchase) is never interrupted: it settles and is recorded as usual.
 */
export function registerViewClosed(app: App, deps: BotDeps): void {
  app.view<ViewClosedAction>(
    { callback_id: CALLBACK_ID_PATTERN, type: 'view_closed' },
    async ({ ack, body, view }: Args) => {
      await ack();
      const sessionId = view.private_metadata;
      const current = await deps.runner.peek(sessionId);
      if (!current || isBusy(current) || current.context.userId !== body.user.id) return;
      const pushed = view.root_view_id !== null && view.root_view_id !== view.id;
      const backToAccount =
        pushed && !body.is_cleared && stateOf(current) === 'changeForm' && current.context.entry === 'wizard';
      await deps.runner.send(sessionId, backToAccount ? { type: 'BACK' } : { type: 'CANCEL' });
    },
  );
}
