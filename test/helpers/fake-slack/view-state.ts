import type { ViewOutput, ViewStateSelectedOption, ViewStateValue } from '@slack/bolt';
import { elementsOf } from './block-kit-blocks.ts';
import { DriverError } from './errors.ts';
import { arrayOf, child, field, get, type JsonObject, objectOf } from './json.ts';

/** `view.state.values`: block_id → action_id → value. */
export type StateValues = ViewOutput['state']['values'];

/** An element found in a view or message, with the ids Slack reports for it. */
export interface LocatedElement {
  block: JsonObject;
  element: JsonObject;
  blockId: string;
  actionId: string;
}

const TEXT_TYPES = new Set(['plain_text_input', 'email_text_input', 'url_text_input', 'number_input']);
const SINGLE_OPTION_TYPES = new Set(['static_select', 'external_select', 'radio_buttons', 'overflow']);
const MULTI_OPTION_TYPES = new Set(['multi_static_select', 'multi_external_select', 'checkboxes']);

/** Finds the element with `actionId` (and `blockId` when given) in a blocks array. */
export function findElement(
  blocks: readonly unknown[],
  actionId: string,
  blockId?: string,
): LocatedElement | undefined {
  for (const raw of blocks) {
    const block = objectOf(raw);
    const id = field(block, 'block_id');
    if (block === undefined || id === undefined || (blockId !== undefined && id !== blockId)) continue;
    const element = elementsOf(block).find((e) => field(e, 'action_id') === actionId);
    if (element !== undefined) return { block, element, blockId: id, actionId };
  }
  return undefined;
}

function toSelected(option: unknown): ViewStateSelectedOption | undefined {
  const obj = objectOf(option);
  const value = field(obj, 'value');
  if (value === undefined) return undefined;
  return { text: { type: 'plain_text', text: field(child(obj, 'text'), 'text') ?? '' }, value };
}

/** All options of a select/checkbox element, flattening option groups. */
function optionsOf(element: JsonObject): ViewStateSelectedOption[] {
  const groups = arrayOf(get(element, 'option_groups')).flatMap((g) => arrayOf(get(objectOf(g), 'options')));
  return [...arrayOf(get(element, 'options')), ...groups].flatMap((o) => toSelected(o) ?? []);
}

function pick(element: JsonObject, value: string): ViewStateSelectedOption {
  const found = optionsOf(element).find((o) => o.value === value);
  // The value itself stays out of the message: a misdirected fill() may carry a test secret.
  if (found === undefined)
    throw new DriverError(`no option with the given value in ${field(element, 'action_id')}`);
  return found;
}

/** The state value a person produces by typing/choosing `input` in `element` (as Slack reports it). */
export function stateValueFor(element: JsonObject, input: string | readonly string[]): ViewStateValue {
  const type = field(element, 'type') ?? '';
  const one = typeof input === 'string' ? input : input[0];
  const many = typeof input === 'string' ? [input] : input;
  if (TEXT_TYPES.has(type) && one !== undefined) return { type, value: one };
  if (SINGLE_OPTION_TYPES.has(type) && one !== undefined)
    return { type, selected_option: pick(element, one) };
  if (MULTI_OPTION_TYPES.has(type)) return { type, selected_options: many.map((v) => pick(element, v)) };
  if (type === 'datepicker' && one !== undefined) return { type, selected_date: one };
  if (type === 'timepicker' && one !== undefined) return { type, selected_time: one };
  if (type === 'datetimepicker' && one !== undefined) return { type, selected_date_time: Number(one) };
  if (type === 'users_select' && one !== undefined) return { type, selected_user: one };
  if (type === 'multi_users_select') return { type, selected_users: [...many] };
  if (type === 'conversations_select' && one !== undefined) return { type, selected_conversation: one };
  if (type === 'channels_select' && one !== undefined) return { type, selected_channel: one };
  throw new DriverError(`cannot set a value on a ${type} element`);
}

/** What Slack reports for an input element nobody touched: its initial value, or an empty value. */
export function initialStateValue(element: JsonObject): ViewStateValue {
  const type = field(element, 'type') ?? 'unknown';
  if (TEXT_TYPES.has(type)) return { type, value: field(element, 'initial_value') ?? null };
  if (SINGLE_OPTION_TYPES.has(type))
    return { type, selected_option: toSelected(get(element, 'initial_option')) ?? null };
  if (MULTI_OPTION_TYPES.has(type)) {
    return {
      type,
      selected_options: arrayOf(get(element, 'initial_options')).flatMap((o) => toSelected(o) ?? []),
    };
  }
  if (type === 'datepicker') return { type, selected_date: field(element, 'initial_date') ?? null };
  if (type === 'timepicker') return { type, selected_time: field(element, 'initial_time') ?? null };
  if (type === 'users_select') return { type, selected_user: field(element, 'initial_user') ?? null };
  if (type === 'multi_users_select') {
    const initial = arrayOf(get(element, 'initial_users')).filter((u): u is string => typeof u === 'string');
    return { type, selected_users: initial };
  }
  if (type === 'conversations_select')
    return { type, selected_conversation: field(element, 'initial_conversation') ?? null };
  return { type };
}

/**
 * The state Slack sends in interaction payloads: every input block's element (typed value, else
 * its initial value) plus whatever was chosen in other blocks.
 */
export function fullState(blocks: readonly unknown[], typed: StateValues): StateValues {
  const values: StateValues = {};
  for (const raw of blocks) {
    const block = objectOf(raw);
    const blockId = field(block, 'block_id');
    const element = child(block, 'element');
    const actionId = field(element, 'action_id');
    if (field(block, 'type') !== 'input' || blockId === undefined || element === undefined || !actionId)
      continue;
    values[blockId] = { [actionId]: typed[blockId]?.[actionId] ?? initialStateValue(element) };
  }
  for (const [blockId, byAction] of Object.entries(typed)) {
    values[blockId] = { ...byAction, ...values[blockId] };
  }
  return values;
}

/**
 * Typed values that survive an update (Slack keeps input when block_id + action_id of an input
 * block are unchanged and the element is of the same type).
 */
export function preservedState(typed: StateValues, newBlocks: readonly unknown[]): StateValues {
  const kept: StateValues = {};
  for (const raw of newBlocks) {
    const block = objectOf(raw);
    const blockId = field(block, 'block_id');
    const element = child(block, 'element');
    const actionId = field(element, 'action_id');
    if (field(block, 'type') !== 'input' || blockId === undefined || actionId === undefined) continue;
    const old = typed[blockId]?.[actionId];
    if (old !== undefined && old.type === field(element, 'type')) kept[blockId] = { [actionId]: old };
  }
  return kept;
}
