import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Block, KnownBlock } from '@slack/types';

/** What Bolt hands a slash-command listener. */
export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** An ephemeral reply: the ack body of a slash command is shown only to the person who typed it. */
export interface Reply {
  text: string;
  blocks?: (KnownBlock | Block)[];
}
