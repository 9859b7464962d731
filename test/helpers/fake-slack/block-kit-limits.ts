import { BLOCK_LIMITS, checkBlocks } from './block-kit-blocks.ts';
import { ELEMENT_LIMITS } from './block-kit-elements.ts';
import { checkLength, checkText, createIssues } from './block-kit-issues.ts';
import { arrayOf, field, get, objectOf, stringOf } from './json.ts';

/** Slack's view-level limits (slack-platform.md §1.7, §2). */
export const VIEW_LIMITS = {
  title: 24,
  button: 24,
  blocks: 100,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  bytes: 250 * 1024,
} as const;

/** Slack's message limits: 50 blocks; text beyond 40,000 characters is truncated. */
export const MESSAGE_LIMITS = { blocks: 50, text: 40_000 } as const;

export { BLOCK_LIMITS, ELEMENT_LIMITS };

/** Marker used in the message for an oversize view, so the fake can answer `view_too_large` like Slack. */
export const VIEW_TOO_LARGE = 'view_too_large';

/**
 * Checks a modal (or home) view against Slack's limits and returns Slack-style messages
 * (`[ERROR] … [json-pointer:/view/…]`); an empty list means Slack would accept it.
 * Covers: title/submit/close ≤ 24 plain_text, submit required with input blocks, ≤ 100 blocks,
 * private_metadata ≤ 3000, callback_id/external_id ≤ 255, whole view ≤ 250 kB, and every block and
 * element limit in §2 (block_id, action_id, texts, fields, options, buttons, inputs, placeholders).
 */
export function validateView(view: unknown): string[] {
  const issues = createIssues();
  const obj = objectOf(view);
  if (obj === undefined) {
    issues.error('/view', 'view must be an object');
    return issues.list;
  }
  const type = field(obj, 'type');
  if (type !== 'modal' && type !== 'home') issues.error('/view/type', 'view type must be modal or home');
  const isModal = type === 'modal';
  checkText(issues, obj, 'title', '/view', { max: VIEW_LIMITS.title, plainOnly: true, required: isModal });
  checkText(issues, obj, 'submit', '/view', { max: VIEW_LIMITS.button, plainOnly: true });
  checkText(issues, obj, 'close', '/view', { max: VIEW_LIMITS.button, plainOnly: true });
  checkLength(issues, obj, 'private_metadata', '/view', VIEW_LIMITS.privateMetadata);
  checkLength(issues, obj, 'callback_id', '/view', VIEW_LIMITS.callbackId);
  checkLength(issues, obj, 'external_id', '/view', VIEW_LIMITS.externalId);

  if (!Array.isArray(get(obj, 'blocks'))) issues.error('/view/blocks', 'blocks is required');
  const blocks = arrayOf(get(obj, 'blocks'));
  if (blocks.length > VIEW_LIMITS.blocks) {
    issues.error('/view/blocks', `no more than ${VIEW_LIMITS.blocks} items allowed`);
  }
  checkBlocks(issues, blocks, '/view/blocks');
  const hasInput = blocks.some((b) => field(objectOf(b), 'type') === 'input');
  // Slack's own wording (node-slack-sdk#875), so a bot's log looks the same against the fake.
  if (isModal && hasInput && get(obj, 'submit') === undefined)
    issues.error('/view', 'must define submit to use input block');

  const bytes = Buffer.byteLength(JSON.stringify(obj), 'utf8');
  if (bytes > VIEW_LIMITS.bytes) issues.error('/view', `${VIEW_TOO_LARGE}: ${bytes} bytes is over 250 kB`);
  return issues.list;
}

/**
 * Checks `chat.postMessage` / `chat.update` / `chat.postEphemeral` arguments (and response_url
 * bodies): ≤ 50 blocks, every block limit, and a `[WARN]` when blocks come without a `text`
 * fallback (Slack needs it for notifications; @slack/web-api warns too).
 */
export function validateMessage(args: unknown): string[] {
  const issues = createIssues();
  const obj = objectOf(args);
  if (obj === undefined) {
    issues.error('/', 'arguments must be an object');
    return issues.list;
  }
  const blocks = arrayOf(get(obj, 'blocks'));
  if (get(obj, 'blocks') !== undefined && !Array.isArray(get(obj, 'blocks')))
    issues.error('/blocks', 'blocks must be an array');
  if (blocks.length > MESSAGE_LIMITS.blocks) {
    issues.error('/blocks', `no more than ${MESSAGE_LIMITS.blocks} items allowed`);
  }
  checkBlocks(issues, blocks, '/blocks');
  const text = stringOf(get(obj, 'text'));
  if (blocks.length > 0 && (text === undefined || text.trim() === '')) {
    issues.warn('/text', 'missing text fallback: messages with blocks should also send text');
  }
  if (text !== undefined && text.length > MESSAGE_LIMITS.text) {
    issues.warn('/text', `text longer than ${MESSAGE_LIMITS.text} characters is truncated`);
  }
  return issues.list;
}
