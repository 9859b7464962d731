import { checkElement } from './block-kit-elements.ts';
import { checkLength, checkText, checkTextObject, type Issues } from './block-kit-issues.ts';
import { arrayOf, field, get, type JsonObject, objectOf, objectsIn } from './json.ts';

/** Slack's per-block limits (slack-platform.md §2). */
export const BLOCK_LIMITS = {
  blockId: 255,
  text: 3000,
  fields: 10,
  fieldText: 2000,
  header: 150,
  actionsElements: 25,
  contextElements: 10,
  label: 2000,
  hint: 2000,
} as const;

const KNOWN_BLOCKS = new Set([
  'section',
  'header',
  'divider',
  'context',
  'actions',
  'input',
  'image',
  'rich_text',
  'markdown',
  'file',
  'video',
]);
const NOT_INPUT_ELEMENTS = new Set(['button', 'overflow', 'image']);

/** The elements a block carries, wherever the block type keeps them. */
export function elementsOf(block: JsonObject): JsonObject[] {
  const found: JsonObject[] = [];
  const type = field(block, 'type');
  if (type === 'actions') found.push(...objectsIn(get(block, 'elements')));
  const accessory = objectOf(get(block, 'accessory'));
  if (accessory !== undefined) found.push(accessory);
  const element = objectOf(get(block, 'element'));
  if (element !== undefined) found.push(element);
  return found;
}

function checkSection(issues: Issues, block: JsonObject, path: string): void {
  const fields = arrayOf(get(block, 'fields'));
  if (get(block, 'text') === undefined && fields.length === 0)
    issues.error(path, 'section needs text or fields');
  checkText(issues, block, 'text', path, { max: BLOCK_LIMITS.text });
  if (fields.length > BLOCK_LIMITS.fields)
    issues.error(`${path}/fields`, `at most ${BLOCK_LIMITS.fields} fields`);
  fields.forEach((f, i) => {
    checkTextObject(issues, f, `${path}/fields/${i}`, 'field', {
      max: BLOCK_LIMITS.fieldText,
      required: true,
    });
  });
  if (get(block, 'accessory') !== undefined)
    checkElement(issues, get(block, 'accessory'), `${path}/accessory`);
}

function checkContext(issues: Issues, block: JsonObject, path: string): void {
  const elements = arrayOf(get(block, 'elements'));
  if (elements.length < 1 || elements.length > BLOCK_LIMITS.contextElements) {
    issues.error(`${path}/elements`, `context needs 1 to ${BLOCK_LIMITS.contextElements} elements`);
  }
  elements.forEach((e, i) => {
    const el = objectOf(e);
    if (el !== undefined && field(el, 'type') !== 'image') {
      checkTextObject(issues, el, `${path}/elements/${i}`, 'context text', {
        max: BLOCK_LIMITS.text,
        required: true,
      });
    }
  });
}

function checkActions(issues: Issues, block: JsonObject, path: string): void {
  const elements = arrayOf(get(block, 'elements'));
  if (elements.length < 1 || elements.length > BLOCK_LIMITS.actionsElements) {
    issues.error(`${path}/elements`, `actions needs 1 to ${BLOCK_LIMITS.actionsElements} elements`);
  }
  for (const [i, e] of elements.entries()) checkElement(issues, e, `${path}/elements/${i}`);
}

function checkInput(issues: Issues, block: JsonObject, path: string): void {
  checkText(issues, block, 'label', path, { max: BLOCK_LIMITS.label, plainOnly: true, required: true });
  checkText(issues, block, 'hint', path, { max: BLOCK_LIMITS.hint, plainOnly: true });
  const element = objectOf(get(block, 'element'));
  if (element === undefined) {
    issues.error(`${path}/element`, 'input needs an element');
    return;
  }
  if (NOT_INPUT_ELEMENTS.has(field(element, 'type') ?? '')) {
    issues.error(`${path}/element/type`, 'this element type cannot be used in an input block');
  }
  checkElement(issues, element, `${path}/element`);
}

function checkOne(issues: Issues, block: JsonObject, path: string): void {
  const type = field(block, 'type') ?? '';
  if (!KNOWN_BLOCKS.has(type)) issues.error(`${path}/type`, `unknown block type "${type}"`);
  checkLength(issues, block, 'block_id', path, BLOCK_LIMITS.blockId);
  if (type === 'section') checkSection(issues, block, path);
  else if (type === 'header') {
    checkText(issues, block, 'text', path, { max: BLOCK_LIMITS.header, plainOnly: true, required: true });
  } else if (type === 'context') checkContext(issues, block, path);
  else if (type === 'actions') checkActions(issues, block, path);
  else if (type === 'input') checkInput(issues, block, path);
}

/**
 * Checks a blocks array (view or message): each block's own limits, `block_id` unique and ≤ 255,
 * `action_id` unique within its block, at most one `focus_on_load`.
 */
export function checkBlocks(issues: Issues, blocks: readonly unknown[], path: string): void {
  const blockIds = new Set<string>();
  let focused = 0;
  blocks.forEach((raw, i) => {
    const at = `${path}/${i}`;
    const block = objectOf(raw);
    if (block === undefined) {
      issues.error(at, 'block must be an object');
      return;
    }
    checkOne(issues, block, at);
    const blockId = field(block, 'block_id');
    if (blockId !== undefined) {
      if (blockIds.has(blockId)) issues.error(`${at}/block_id`, `duplicate block_id "${blockId}"`);
      blockIds.add(blockId);
    }
    const actionIds = new Set<string>();
    for (const element of elementsOf(block)) {
      if (get(element, 'focus_on_load') === true) focused += 1;
      const actionId = field(element, 'action_id');
      if (actionId === undefined) continue;
      if (actionIds.has(actionId)) issues.error(at, `duplicate action_id "${actionId}" in one block`);
      actionIds.add(actionId);
    }
  });
  if (focused > 1) issues.error(path, 'at most one element may set focus_on_load');
}
