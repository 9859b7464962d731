import type {
  ActionsBlock,
  Button,
  Checkboxes,
  InputBlock,
  PlainTextInput,
  PlainTextOption,
} from '@slack/types';
import { ACTION_IDS, BLOCK_IDS } from '../ids.ts';
import { plain } from './text.ts';

/** What a plain text input needs; everything optional is left out of the JSON when not given. */
export interface TextInputOptions {
  blockId: string;
  actionId: string;
  label: string;
  hint?: string | undefined;
  placeholder?: string | undefined;
  optional?: boolean | undefined;
  initialValue?: string | null | undefined;
  maxLength?: number | undefined;
}

/**
 * An input block with a plain_text_input. An initial value longer than `maxLength` is dropped rather
 * than sent (Slack would reject the whole view).
 */
export function textInput(options: TextInputOptions): InputBlock {
  const element: PlainTextInput = { type: 'plain_text_input', action_id: options.actionId };
  if (options.maxLength !== undefined) element.max_length = options.maxLength;
  if (options.placeholder !== undefined) element.placeholder = plain(options.placeholder, 150);
  const initial = options.initialValue;
  if (initial != null && initial !== '' && initial.length <= (options.maxLength ?? 3000)) {
    element.initial_value = initial;
  }
  const block: InputBlock = {
    type: 'input',
    block_id: options.blockId,
    label: plain(options.label, 2000),
    element,
    optional: options.optional ?? false,
  };
  if (options.hint !== undefined) block.hint = plain(options.hint, 2000);
  return block;
}

/** One checkbox option; the same object serves as `options` and `initial_options` (Slack wants them equal). */
/** Account Number, as on the desktop wizard: the one typed before, else the remembered one. */
export function accountNumberInput(initialValue: string | null): InputBlock {
  return textInput({
    blockId: BLOCK_IDS.accountId,
    actionId: ACTION_IDS.accountId,
    label: 'Account Number',
    placeholder: 'Digits only, for example 2500001',
    initialValue,
    maxLength: 12,
  });
}

export function checkboxOption(value: string, text: string, description?: string): PlainTextOption {
  const option: PlainTextOption = { text: plain(text, 75), value };
  if (description !== undefined) option.description = plain(description, 75);
  return option;
}

function checkboxes(actionId: string, option: PlainTextOption, checked: boolean): Checkboxes {
  const element: Checkboxes = { type: 'checkboxes', action_id: actionId, options: [option] };
  if (checked) element.initial_options = [option];
  return element;
}

/**
 * A single checkbox inside an input block: its state arrives only with the submission. Optional,
 * because Slack would otherwise demand that it be ticked.
 */
export function checkboxInput(
  blockId: string,
  actionId: string,
  label: string,
  option: PlainTextOption,
  checked: boolean,
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, 2000),
    optional: true,
    element: checkboxes(actionId, option, checked),
  };
}

/** A single checkbox inside an actions block: ticking it sends block_actions at once. */
export function checkboxAction(
  blockId: string,
  actionId: string,
  option: PlainTextOption,
  checked: boolean,
): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements: [checkboxes(actionId, option, checked)] };
}

/** A button; `value` is echoed back in block_actions. */
export function button(
  actionId: string,
  text: string,
  options: { value?: string; style?: 'primary' | 'danger' } = {},
): Button {
  const element: Button = { type: 'button', action_id: actionId, text: plain(text, 75) };
  if (options.value !== undefined) element.value = options.value;
  if (options.style !== undefined) element.style = options.style;
  return element;
}
