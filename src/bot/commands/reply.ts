import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { BotMessage } from '../messages/index.ts';

/** What Bolt hands a slash-command listener. */
export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** An ephemeral reply: the ack body of a slash command is shown only to the person who typed it. */
export type Reply = Pick<BotMessage, 'text'> & Partial<Pick<BotMessage, 'blocks'>>;
