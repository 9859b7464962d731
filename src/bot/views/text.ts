import type { MrkdwnElement, PlainTextElement } from '@slack/types';

/** Slack's limit for a text object (section text, context element). */
export const TEXT_MAX = 3000;

/** Shortens `text` to `max` characters with an ellipsis, so an unexpectedly long message cannot break a view. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Escapes the three characters mrkdwn treats as markup. Everything that did not come from us (Endicia's
 * messages, URLs, labels from config) goes through this before it lands in a mrkdwn text.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A plain_text object (titles, labels, buttons, option texts), clipped to `max`. */
export function plain(text: string, max = TEXT_MAX): PlainTextElement {
  return { type: 'plain_text', text: clip(text, max), emoji: true };
}

/** A mrkdwn object; the caller escapes any foreign text it interpolates. */
export function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text: clip(text, TEXT_MAX) };
}

/**
 * Endicia's AccountStatus as people read it. Only `A` (Active) is documented (endicia-els.md §12), so any
 * other code is shown as it came rather than guessed at.
 */
export function accountStatusLabel(code: string): string {
  const trimmed = code.trim();
  if (trimmed.toUpperCase() === 'A') return 'Active';
  return trimmed === '' ? 'Unknown' : trimmed;
}
