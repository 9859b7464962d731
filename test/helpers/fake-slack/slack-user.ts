import type { ViewOutput } from '@slack/bolt';
import { DriverError } from './errors.ts';
import type { FakeSlack } from './fake-slack.ts';
import type { JsonObject } from './json.ts';
import {
  type Actor,
  blockActionsFromMessage,
  blockActionsFromView,
  elementAction,
  interactiveBody,
  slashCommandBody,
  slashCommandPayload,
  viewClosedPayload,
  viewSubmissionPayload,
} from './payloads.ts';
import { signRequest } from './signing.ts';
import { applySubmissionResponse, type FieldErrors } from './submission-response.ts';
import type { Ack, RawResult, Transport } from './transport.ts';
import { type UserKey, userKey } from './user-key.ts';
import { findElement, stateValueFor } from './view-state.ts';

/** Who the simulated person is. */
export interface SlackUserIdentity {
  teamId: string;
  userId: string;
  /** Where their slash commands are typed (default `C0GENERAL`). */
  channelId?: string;
}

/** A slash command's ack plus the ids Slack generated for it. */
export interface CommandResult extends Ack {
  triggerId: string;
  responseUrl: string;
}

/** A view submission's ack; `response` is the ack body (response_action …). */
export interface SubmitResult {
  status: number;
  ackMs: number;
  response: JsonObject | undefined;
}

/** One person using Slack: types commands, fills and submits modals, clicks buttons. */
export interface SlackUser {
  readonly key: UserKey;
  readonly actor: Actor;
  /** Field errors from the last submission answered with `response_action: errors`. */
  readonly lastErrors: FieldErrors | undefined;
  command(command: string, text?: string): Promise<CommandResult>;
  /** The form body of a command from this person (for hand-made, badly signed posts). */
  commandBody(command: string, text?: string): string;
  currentView(): ViewOutput | undefined;
  waitForView(predicate: (view: ViewOutput) => boolean, timeoutMs?: number): Promise<ViewOutput>;
  /** Types into a text/number input, or picks an option of a select/radio by value. */
  fill(blockId: string, actionId: string, value: string): void;
  /** Ticks exactly these options (by value) of checkboxes or a multi-select. */
  check(blockId: string, actionId: string, values: readonly string[]): void;
  submit(): Promise<SubmitResult>;
  click(actionId: string, options?: { blockId?: string; value?: string }): Promise<Ack>;
  clickMessageButton(channelId: string, ts: string, actionId: string): Promise<Ack>;
  /** Presses Close/X: pops the top view (all views if clear_on_close); view_closed if notify_on_close. */
  close(): Promise<Ack | undefined>;
  /** Everything the app posted to this person's response URLs (respond()), oldest first. */
  responses(): unknown[];
  postRaw(body: string, headers: Record<string, string>): Promise<RawResult>;
  postUnsigned(body: string): Promise<RawResult>;
  postForged(body: string): Promise<RawResult>;
  /** Correctly signed, but with a timestamp 6 minutes old (Bolt rejects over 5). */
  postStale(body: string): Promise<RawResult>;
}

/** Creates the simulated person; all modal state lives in the fake. */
export function createSlackUser(
  fake: FakeSlack,
  transport: Transport,
  signingSecret: string,
  identity: SlackUserIdentity,
): SlackUser {
  const key = userKey(identity.teamId, identity.userId);
  const channelId = identity.channelId ?? 'C0GENERAL';
  // The fake checks that calls about this person or channel carry their workspace's token.
  fake.workspaces.note(identity.userId, identity.teamId);
  fake.workspaces.note(channelId, identity.teamId);
  const actor: Actor = {
    teamId: identity.teamId,
    teamDomain: `team-${identity.teamId.toLowerCase()}`,
    userId: identity.userId,
    userName: `user-${identity.userId.toLowerCase()}`,
    apiAppId: fake.identity.appId,
  };
  const responseUrls: string[] = [];
  let lastErrors: FieldErrors | undefined;

  const topView = (): ViewOutput => {
    const view = fake.views.top(key);
    if (view === undefined) throw new DriverError(`${identity.userId} has no modal open`);
    return view;
  };
  const locate = (view: ViewOutput, blockId: string | undefined, actionId: string) => {
    const found = findElement(view.blocks, actionId, blockId);
    if (found === undefined)
      throw new DriverError(`no element ${blockId ?? '*'}/${actionId} in view ${view.callback_id}`);
    return found;
  };
  const setState = (blockId: string, actionId: string, input: string | readonly string[]): void => {
    const view = topView();
    const found = locate(view, blockId, actionId);
    fake.views.setValue(view.id, blockId, actionId, stateValueFor(found.element, input));
    fake.changed();
  };
  const newResponseUrl = (): string => {
    const url = fake.newResponseUrl();
    responseUrls.push(url);
    return url;
  };
  const buildCommand = (command: string, text: string) =>
    slashCommandPayload(actor, {
      command,
      text,
      channelId,
      channelName: 'general',
      responseUrl: newResponseUrl(),
      triggerId: fake.issueTriggerId(key),
    });

  return {
    key,
    actor,
    get lastErrors() {
      return lastErrors;
    },
    command: async (command, text = '') => {
      const payload = buildCommand(command, text);
      const ack = await transport.send('slash_commands', payload, slashCommandBody(payload), true);
      return { ...ack, triggerId: payload.trigger_id, responseUrl: payload.response_url };
    },
    commandBody: (command, text = '') => slashCommandBody(buildCommand(command, text)),
    currentView: () => fake.views.top(key),
    waitForView: (predicate, timeoutMs) =>
      fake.waitFor(
        () => {
          const view = fake.views.top(key);
          return view !== undefined && predicate(view) ? view : undefined;
        },
        {
          description: `a view for ${identity.userId} matching the predicate`,
          ...(timeoutMs === undefined ? {} : { timeoutMs }),
        },
      ),
    fill: (blockId, actionId, value) => setState(blockId, actionId, value),
    check: (blockId, actionId, values) => setState(blockId, actionId, values),
    submit: async () => {
      const view = topView();
      if (view.submit === null) throw new DriverError(`view ${view.callback_id} has no submit button`);
      const payload = viewSubmissionPayload(actor, view, fake.issueTriggerId(key));
      const ack = await transport.send('interactive', payload, interactiveBody(payload), true);
      lastErrors = ack.status === 200 ? applySubmissionResponse(fake, key, view, ack.body) : undefined;
      return { status: ack.status, ackMs: ack.ackMs, response: ack.body };
    },
    click: async (actionId, options = {}) => {
      const view = topView();
      const found = locate(view, options.blockId, actionId);
      const action = elementAction(found, options.value);
      const payload = blockActionsFromView(actor, view, action, fake.issueTriggerId(key));
      return transport.send('interactive', payload, interactiveBody(payload), false);
    },
    clickMessageButton: async (messageChannel, ts, actionId) => {
      const message = fake.messagesIn(messageChannel).find((m) => m.ts === ts);
      if (message === undefined) throw new DriverError(`no message ${ts} in ${messageChannel}`);
      const found = findElement(message.blocks ?? [], actionId);
      if (found === undefined) throw new DriverError(`no element ${actionId} in message ${ts}`);
      const payload = blockActionsFromMessage(actor, {
        message,
        channelName: messageChannel.toLowerCase(),
        action: elementAction(found),
        triggerId: fake.issueTriggerId(key),
        responseUrl: newResponseUrl(),
        botUserId: fake.identity.botUserId,
      });
      return transport.send('interactive', payload, interactiveBody(payload), false);
    },
    close: async () => {
      const view = fake.views.top(key);
      if (view === undefined) return undefined;
      if (view.clear_on_close) fake.views.clear(key);
      else fake.views.pop(key);
      fake.changed();
      if (!view.notify_on_close) return undefined;
      const payload = viewClosedPayload(actor, view, view.clear_on_close);
      return transport.send('interactive', payload, interactiveBody(payload), false);
    },
    responses: () => responseUrls.flatMap((url) => [...fake.responses(url)]),
    postRaw: (body, headers) => transport.postRaw(body, headers),
    postUnsigned: (body) => transport.postRaw(body, { 'content-type': 'application/x-www-form-urlencoded' }),
    postForged: (body) => transport.postRaw(body, { ...signRequest(`${signingSecret}-forged`, body) }),
    postStale: (body) =>
      transport.postRaw(body, {
        ...signRequest(signingSecret, body, Math.floor(Date.now() / 1000) - 6 * 60),
      }),
  };
}
