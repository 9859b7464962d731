import type { ViewOutput } from '@slack/bolt';
import { validateView } from './block-kit-limits.ts';
import type { FakeSlack } from './fake-slack.ts';
import { field, get, type JsonObject, objectOf, stringOf } from './json.ts';
import type { UserKey } from './user-key.ts';
import { MAX_VIEW_STACK } from './view-store.ts';

/** Field errors shown under input blocks (`response_action: errors`). */
export type FieldErrors = Readonly<Record<string, string>>;

function checkedView(fake: FakeSlack, where: string, raw: unknown): JsonObject | undefined {
  const problems = validateView(raw);
  fake.recordViolations(where, problems);
  const view = objectOf(raw);
  return problems.some((m) => m.startsWith('[ERROR]')) ? undefined : view;
}

function inputBlockIds(view: ViewOutput): Set<string> {
  return new Set(
    view.blocks.flatMap((b) => (b.type === 'input' && b.block_id !== undefined ? [b.block_id] : [])),
  );
}

function readErrors(fake: FakeSlack, view: ViewOutput, raw: unknown): FieldErrors {
  const errors: Record<string, string> = {};
  const inputs = inputBlockIds(view);
  for (const [blockId, message] of Object.entries(objectOf(raw) ?? {})) {
    // Slack only renders errors under input blocks; any other key makes the client fail the submit.
    if (!inputs.has(blockId))
      fake.recordViolations('view_submission:errors', [`[ERROR] "${blockId}" is not an input block`]);
    const text = stringOf(message);
    if (text !== undefined) errors[blockId] = text;
  }
  return errors;
}

/**
 * Applies a view_submission ack to the person's modal stack exactly as the Slack client does:
 * empty (or no response_action) closes the submitted view; `update` replaces it in place (same id,
 * typed input kept); `push` adds a view (depth ≤ 3); `clear` closes all; `errors` keeps the view and
 * returns the field errors. Views in `update`/`push` are validated; invalid ones are recorded as
 * violations and not shown (Slack would fail the submission).
 */
export function applySubmissionResponse(
  fake: FakeSlack,
  key: UserKey,
  submitted: ViewOutput,
  body: JsonObject | undefined,
): FieldErrors | undefined {
  const action = field(body, 'response_action');
  let errors: FieldErrors | undefined;
  if (action === undefined) fake.views.pop(key);
  else if (action === 'clear') fake.views.clear(key);
  else if (action === 'errors') errors = readErrors(fake, submitted, get(body, 'errors'));
  else if (action === 'update') {
    const view = checkedView(fake, 'view_submission:update', get(body, 'view'));
    if (view !== undefined) fake.views.update(submitted.id, view);
  } else if (action === 'push') {
    const view = checkedView(fake, 'view_submission:push', get(body, 'view'));
    if (view !== undefined && fake.views.push(key, view) === undefined) {
      fake.recordViolations('view_submission:push', [
        `[ERROR] push_limit_reached: at most ${MAX_VIEW_STACK} views`,
      ]);
    }
  } else {
    fake.recordViolations('view_submission', [`[ERROR] unknown response_action "${action}"`]);
  }
  fake.changed();
  return errors;
}
