import type { ViewOutput } from '@slack/bolt';

/** Slack's `view.state.values`: block_id → action_id → the element's state. */
export type StateValues = ViewOutput['state']['values'];

/*
 * Readers for submitted state. The payload is Slack's, so nothing is assumed: a missing block, a wrong
 * element type or a null value all read as "nothing entered".
 */

/** The text of a plain_text_input, or null when empty or absent. */
export function textValue(values: StateValues, blockId: string, actionId: string): string | null {
  const value = values[blockId]?.[actionId]?.value;
  return typeof value === 'string' ? value : null;
}

/** True when the checkbox option `optionValue` is ticked. */
export function isTicked(
  values: StateValues,
  blockId: string,
  actionId: string,
  optionValue: string,
): boolean {
  const selected = values[blockId]?.[actionId]?.selected_options;
  return Array.isArray(selected) && selected.some((option) => option?.value === optionValue);
}

/** True when the submitted view had this block (e.g. which pass phrase field was on screen). */
export function hasBlock(values: StateValues, blockId: string): boolean {
  return values[blockId] !== undefined;
}
