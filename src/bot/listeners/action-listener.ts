import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Background } from '../background.ts';
import type { BotDeps } from '../deps.ts';

/** What a block-action listener receives from Bolt. */
export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** A block-action listener body: callable without an App (unit tests hand it a fake `ack` and `client`). */
export type ActionListener = (args: ActionArgs, deps: BotDeps, background: Background) => Promise<void>;
