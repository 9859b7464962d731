import type {
  BasicElementAction,
  BlockAction,
  ButtonAction,
  SlashCommand,
  ViewClosedAction,
  ViewOutput,
  ViewSubmitAction,
} from '@slack/bolt';
import { child, field } from './json.ts';
import type { PostedMessage } from './message-store.ts';
import { fullState, type LocatedElement, stateValueFor } from './view-state.ts';

/** The person (and app) an interaction comes from. */
export interface Actor {
  teamId: string;
  teamDomain: string;
  userId: string;
  userName: string;
  apiAppId: string;
}

/** Slack's legacy verification token field; Bolt ignores it. */
const TOKEN = 'fake-verification-token';

/** block_actions from inside a modal: Slack sends no `response_url` there (bolt's type says otherwise). */
export type ViewBlockAction = Omit<BlockAction<BasicElementAction>, 'response_url'>;

/** Fields of a slash command POST (`application/x-www-form-urlencoded`, fields at top level). */
export function slashCommandPayload(
  actor: Actor,
  input: {
    command: string;
    text: string;
    channelId: string;
    channelName: string;
    responseUrl: string;
    triggerId: string;
  },
): SlashCommand {
  return {
    token: TOKEN,
    team_id: actor.teamId,
    team_domain: actor.teamDomain,
    channel_id: input.channelId,
    channel_name: input.channelName,
    user_id: actor.userId,
    user_name: actor.userName,
    command: input.command,
    text: input.text,
    api_app_id: actor.apiAppId,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  };
}

/** A slash command as the form body Slack posts. */
export function slashCommandBody(command: SlashCommand): string {
  const fields = Object.entries(command).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string' ? [[k, v]] : [],
  );
  return new URLSearchParams(fields).toString();
}

/** An interactivity payload as the form body Slack posts: a single `payload` field holding JSON. */
export function interactiveBody(payload: object): string {
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** The view as Slack puts it into payloads: full state (untouched inputs included). */
export function payloadView(view: ViewOutput): ViewOutput {
  return { ...view, state: { values: fullState(view.blocks, view.state.values) } };
}

function actionTs(): string {
  return (Date.now() / 1000).toFixed(6);
}

/** The `actions[0]` entry for clicking a button or choosing `value` in another element. */
export function elementAction(found: LocatedElement, value?: string): BasicElementAction {
  const base = { block_id: found.blockId, action_id: found.actionId, action_ts: actionTs() };
  if (field(found.element, 'type') !== 'button') {
    return { ...stateValueFor(found.element, value ?? ''), ...base };
  }
  const buttonValue = value ?? field(found.element, 'value');
  const click: ButtonAction = {
    type: 'button',
    ...base,
    text: { type: 'plain_text', text: field(child(found.element, 'text'), 'text') ?? '' },
    ...(buttonValue === undefined ? {} : { value: buttonValue }),
  };
  return click;
}

function user(actor: Actor) {
  return { id: actor.userId, username: actor.userName, name: actor.userName, team_id: actor.teamId };
}

function team(actor: Actor) {
  return { id: actor.teamId, domain: actor.teamDomain };
}

/** block_actions for an element in a modal (container `view`, fresh trigger for views.push). */
export function blockActionsFromView(
  actor: Actor,
  view: ViewOutput,
  action: BasicElementAction,
  triggerId: string,
): ViewBlockAction {
  return {
    type: 'block_actions',
    user: user(actor),
    team: team(actor),
    api_app_id: actor.apiAppId,
    token: TOKEN,
    container: { type: 'view', view_id: view.id },
    trigger_id: triggerId,
    is_enterprise_install: false,
    view: payloadView(view),
    actions: [action],
  };
}

/** block_actions for an element in a channel message (container `message`, with a response_url). */
export function blockActionsFromMessage(
  actor: Actor,
  input: {
    message: PostedMessage;
    channelName: string;
    action: BasicElementAction;
    triggerId: string;
    responseUrl: string;
    botUserId: string;
  },
): BlockAction<BasicElementAction> {
  const { message } = input;
  return {
    type: 'block_actions',
    user: user(actor),
    team: team(actor),
    api_app_id: actor.apiAppId,
    token: TOKEN,
    container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    trigger_id: input.triggerId,
    channel: { id: message.channel, name: input.channelName },
    message: {
      type: 'message',
      user: input.botUserId,
      ts: message.ts,
      text: message.text ?? '',
      blocks: message.blocks ?? [],
    },
    state: { values: {} },
    response_url: input.responseUrl,
    is_enterprise_install: false,
    actions: [input.action],
  };
}

/** view_submission for the submitted view (state values, private_metadata, callback_id, hash). */
export function viewSubmissionPayload(actor: Actor, view: ViewOutput, triggerId: string): ViewSubmitAction {
  return {
    type: 'view_submission',
    team: team(actor),
    user: user(actor),
    api_app_id: actor.apiAppId,
    token: TOKEN,
    trigger_id: triggerId,
    is_enterprise_install: false,
    view: payloadView(view),
  };
}

/** view_closed (only sent when the view has notify_on_close); no trigger id. */
export function viewClosedPayload(actor: Actor, view: ViewOutput, isCleared: boolean): ViewClosedAction {
  return {
    type: 'view_closed',
    team: team(actor),
    user: user(actor),
    api_app_id: actor.apiAppId,
    token: TOKEN,
    is_cleared: isCleared,
    is_enterprise_install: false,
    view: payloadView(view),
  };
}
