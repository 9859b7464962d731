import type { ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { Failure } from '../../machine/index.ts';
import { BLOCK_IDS } from '../ids.ts';
import { escapeMrkdwn, mrkdwn, plain } from './text.ts';

/*
 * Small block builders shared by the views and the chat messages. Foreign text (Endicia's messages,
 * config labels) is escaped here, so builders can pass it straight through.
 */

/**
 * The environment banner ("SIMULATOR — no real postage") as the first block, or nothing in production.
 * A header block: it must be impossible to miss that no real postage is bought.
 */
export function environmentBlocks(label: string | null): HeaderBlock[] {
  if (label === null || label.trim() === '') return [];
  return [{ type: 'header', block_id: BLOCK_IDS.environment, text: plain(`🧪 ${label.trim()}`, 150) }];
}

/** A section of mrkdwn we wrote ourselves (foreign parts already escaped by the caller). */
export function textSection(blockId: string, text: string): SectionBlock {
  return { type: 'section', block_id: blockId, text: mrkdwn(text) };
}

/** A plain sentence as a section: no markup, nothing to escape. */
export function plainSection(blockId: string, text: string): SectionBlock {
  return { type: 'section', block_id: blockId, text: plain(text) };
}

/** Label/value pairs as section fields (at most 10, Slack's limit); values are escaped. */
export function fieldsSection(
  blockId: string,
  pairs: ReadonlyArray<readonly [string, string]>,
): SectionBlock {
  return {
    type: 'section',
    block_id: blockId,
    fields: pairs.slice(0, 10).map(([label, value]) => mrkdwn(`*${label}*\n${escapeMrkdwn(value)}`)),
  };
}

/** A small grey line. */
export function contextLine(blockId: string, text: string): ContextBlock {
  return { type: 'context', block_id: blockId, elements: [mrkdwn(text)] };
}

/**
 * The "⚠ message" line: how a failure shows when it cannot go under a field (the answer came after the
 * ack, or it belongs to no field).
 */
export function failureBlocks(failure: Failure | null): KnownBlock[] {
  if (failure === null) return [];
  return [textSection(BLOCK_IDS.failure, `:warning: ${escapeMrkdwn(failure.message)}`)];
}

/** The machine's notice ("will be remembered…") as a context line, or nothing. */
export function noticeBlocks(notice: string | null): KnownBlock[] {
  if (notice === null || notice === '') return [];
  return [contextLine(BLOCK_IDS.notice, `:information_source: ${escapeMrkdwn(notice)}`)];
}
