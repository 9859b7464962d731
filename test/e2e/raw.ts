import type { ViewOutput } from '@slack/bolt';
import { type Harness, SIGNING_SECRET } from '../helpers/bot-harness.ts';
import {
  blockActionsFromView,
  elementAction,
  findElement,
  interactiveBody,
  type SlackUser,
  signRequest,
  viewClosedPayload,
  viewSubmissionPayload,
} from '../helpers/fake-slack/index.ts';

/*
 * Correctly signed requests the driver does not make on its own: a captured (stale) page submitted
 * again, or one person acting in another person's modal. They leave the fake's modal stacks alone.
 */

async function postSigned(user: SlackUser, payload: object): Promise<{ status: number; text: string }> {
  const form = interactiveBody(payload);
  return user.postRaw(form, { ...signRequest(SIGNING_SECRET, form) });
}

/** `user` clicks `actionId` (choosing `value`) in `view`, which may be someone else's modal. */
export async function clickIn(
  h: Harness,
  user: SlackUser,
  view: ViewOutput,
  actionId: string,
  value?: string,
): Promise<number> {
  const found = findElement(view.blocks, actionId);
  if (found === undefined) throw new Error(`no ${actionId} in ${view.callback_id}`);
  const action = elementAction(found, value);
  const payload = blockActionsFromView(user.actor, view, action, h.fake.issueTriggerId(user.key));
  return (await postSigned(user, payload)).status;
}

/** `user` closes `view` (view_closed), which may be someone else's modal. */
export async function closeIn(user: SlackUser, view: ViewOutput): Promise<number> {
  return (await postSigned(user, viewClosedPayload(user.actor, view, false))).status;
}

/** Submits `view` as it was when captured (a stale page, a replayed request); the ack is recorded. */
export async function replaySubmission(
  h: Harness,
  user: SlackUser,
  view: ViewOutput,
): Promise<{ status: number; body: Record<string, unknown> | undefined }> {
  const res = await postSigned(
    user,
    viewSubmissionPayload(user.actor, view, h.fake.issueTriggerId(user.key)),
  );
  const body = res.text === '' ? undefined : (JSON.parse(res.text) as Record<string, unknown>);
  h.acks.push(body);
  return { status: res.status, body };
}
