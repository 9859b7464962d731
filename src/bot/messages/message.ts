import type { KnownBlock } from '@slack/types';
import { environmentBlocks } from '../views/blocks.ts';
import { clip, escapeMrkdwn } from '../views/text.ts';

/** A chat message: blocks plus the `text` fallback Slack uses for notifications and screen readers. */
export interface BotMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Slack shows at most 50 blocks in a message. */
export const MESSAGE_BLOCKS_MAX = 50;

/**
 * Assembles a message: the environment banner first (when not production) and the same label in the
 * fallback text. `text` is mrkdwn we wrote; foreign parts must already be escaped.
 */
export function botMessage(environmentLabel: string | null, text: string, blocks: KnownBlock[]): BotMessage {
  const banner = environmentBlocks(environmentLabel);
  const label =
    banner.length > 0 && environmentLabel !== null ? `[${escapeMrkdwn(environmentLabel.trim())}] ` : '';
  return {
    text: clip(`${label}${text}`, 3000),
    blocks: [...banner, ...blocks].slice(0, MESSAGE_BLOCKS_MAX),
  };
}

/** `<@U123>` for a well-formed user id; anything else is shown escaped rather than trusted as markup. */
export function userMention(userId: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/** `<#C123>` for a well-formed channel id; anything else is shown escaped. */
export function channelMention(channelId: string): string {
  return /^[CGD][A-Z0-9]{2,}$/.test(channelId) ? `<#${channelId}>` : escapeMrkdwn(channelId);
}

/** A list of channels as mentions: "<#C1>, <#C2> and <#C3>". */
export function channelList(channelIds: readonly string[]): string {
  const mentions = channelIds.map(channelMention);
  if (mentions.length <= 1) return mentions.join('');
  return `${mentions.slice(0, -1).join(', ')} and ${mentions.at(-1) ?? ''}`;
}

/**
 * A Slack date token: shown in each reader's own time zone, with the ISO text as fallback. Unreadable
 * timestamps are shown as they are.
 */
export function slackDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeMrkdwn(iso);
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${new Date(ms).toISOString()}>`;
}
