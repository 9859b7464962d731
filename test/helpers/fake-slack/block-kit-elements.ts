import { checkLength, checkText, type Issues } from './block-kit-issues.ts';
import { arrayOf, field, get, type JsonObject, objectOf, stringOf } from './json.ts';

/** Slack's per-element limits (slack-platform.md §2). Option value 75 is our stricter choice (docs disagree). */
export const ELEMENT_LIMITS = {
  actionId: 255,
  placeholder: 150,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  optionText: 75,
  optionValue: 75,
  selectOptions: 100,
  choiceOptions: 10,
  overflowOptions: 5,
  inputMaxLength: 3000,
} as const;

const CHOICE_TYPES = new Set(['checkboxes', 'radio_buttons']);
const SELECT_TYPES = new Set(['static_select', 'multi_static_select']);

function checkOption(issues: Issues, option: unknown, path: string, plainOnly: boolean): void {
  const obj = objectOf(option);
  if (obj === undefined) {
    issues.error(path, 'option must be an object');
    return;
  }
  checkText(issues, obj, 'text', path, { max: ELEMENT_LIMITS.optionText, plainOnly, required: true });
  checkText(issues, obj, 'description', path, { max: ELEMENT_LIMITS.optionText, plainOnly });
  if (stringOf(get(obj, 'value')) === undefined) issues.error(`${path}/value`, 'option value is required');
  checkLength(issues, obj, 'value', path, ELEMENT_LIMITS.optionValue);
}

function checkOptions(issues: Issues, el: JsonObject, path: string, min: number, max: number): void {
  const plainOnly = !CHOICE_TYPES.has(field(el, 'type') ?? '');
  const options = arrayOf(get(el, 'options'));
  const groups = arrayOf(get(el, 'option_groups'));
  if (groups.length > 0) {
    if (groups.length > max) issues.error(`${path}/option_groups`, `at most ${max} option groups`);
    for (const [g, group] of groups.entries()) {
      const groupOptions = arrayOf(get(objectOf(group), 'options'));
      if (groupOptions.length > max) issues.error(`${path}/option_groups/${g}`, `at most ${max} options`);
      for (const [i, o] of groupOptions.entries()) {
        checkOption(issues, o, `${path}/option_groups/${g}/options/${i}`, true);
      }
    }
    return;
  }
  if (options.length < min || options.length > max) {
    issues.error(`${path}/options`, `must have ${min} to ${max} options`);
  }
  for (const [i, o] of options.entries()) checkOption(issues, o, `${path}/options/${i}`, plainOnly);
}

function checkConfirm(issues: Issues, el: JsonObject, path: string): void {
  const confirm = objectOf(get(el, 'confirm'));
  if (confirm === undefined) return;
  const at = `${path}/confirm`;
  checkText(issues, confirm, 'title', at, { max: 100, plainOnly: true, required: true });
  checkText(issues, confirm, 'text', at, { max: 300, required: true });
  checkText(issues, confirm, 'confirm', at, { max: 30, plainOnly: true, required: true });
  checkText(issues, confirm, 'deny', at, { max: 30, plainOnly: true, required: true });
}

function checkNumberInput(issues: Issues, el: JsonObject, path: string): void {
  if (typeof get(el, 'is_decimal_allowed') !== 'boolean') {
    issues.error(`${path}/is_decimal_allowed`, 'number_input requires is_decimal_allowed (boolean)');
  }
  for (const key of ['min_value', 'max_value', 'initial_value']) {
    if (el[key] !== undefined && typeof el[key] !== 'string') {
      issues.error(`${path}/${key}`, `${key} must be a string`);
    }
  }
  const min = Number(field(el, 'min_value'));
  const max = Number(field(el, 'max_value'));
  if (Number.isFinite(min) && Number.isFinite(max) && min > max) {
    issues.error(`${path}/min_value`, 'min_value must not exceed max_value');
  }
}

function checkTextInput(issues: Issues, el: JsonObject, path: string): void {
  const max = get(el, 'max_length');
  if (max !== undefined && (typeof max !== 'number' || max < 1 || max > ELEMENT_LIMITS.inputMaxLength)) {
    issues.error(`${path}/max_length`, `max_length must be 1 to ${ELEMENT_LIMITS.inputMaxLength}`);
  }
  const min = get(el, 'min_length');
  if (min !== undefined && (typeof min !== 'number' || min < 0 || min > ELEMENT_LIMITS.inputMaxLength)) {
    issues.error(`${path}/min_length`, `min_length must be 0 to ${ELEMENT_LIMITS.inputMaxLength}`);
  }
  checkLength(
    issues,
    el,
    'initial_value',
    path,
    typeof max === 'number' ? max : ELEMENT_LIMITS.inputMaxLength,
  );
}

/** Checks one interactive element (button, select, input…) against Slack's limits. */
export function checkElement(issues: Issues, element: unknown, path: string): void {
  const el = objectOf(element);
  const type = field(el, 'type');
  if (el === undefined || type === undefined) {
    issues.error(path, 'element must be an object with a type');
    return;
  }
  checkLength(issues, el, 'action_id', path, ELEMENT_LIMITS.actionId);
  checkText(issues, el, 'placeholder', path, { max: ELEMENT_LIMITS.placeholder, plainOnly: true });
  checkConfirm(issues, el, path);
  if (type === 'button') {
    checkText(issues, el, 'text', path, { max: ELEMENT_LIMITS.buttonText, plainOnly: true, required: true });
    checkLength(issues, el, 'value', path, ELEMENT_LIMITS.buttonValue);
    checkLength(issues, el, 'url', path, ELEMENT_LIMITS.url);
  } else if (SELECT_TYPES.has(type)) {
    checkOptions(issues, el, path, 1, ELEMENT_LIMITS.selectOptions);
  } else if (CHOICE_TYPES.has(type)) {
    checkOptions(issues, el, path, 1, ELEMENT_LIMITS.choiceOptions);
  } else if (type === 'overflow') {
    checkOptions(issues, el, path, 1, ELEMENT_LIMITS.overflowOptions);
  } else if (type === 'plain_text_input') {
    checkTextInput(issues, el, path);
  } else if (type === 'number_input') {
    checkNumberInput(issues, el, path);
  }
}
