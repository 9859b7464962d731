import { type ApiContext, errorsIn, fail, type MethodHandler } from './api-context.ts';
import { validateMessage } from './block-kit-limits.ts';
import { field, get, type JsonObject } from './json.ts';
import type { MessageContent, PostedMessage } from './message-store.ts';

/** Text/blocks of a chat.* call after Slack's checks, or a failure answer. */
function content(method: string, args: JsonObject, ctx: ApiContext): MessageContent | JsonObject {
  const text = field(args, 'text');
  const blocks = Array.isArray(get(args, 'blocks')) ? get(args, 'blocks') : undefined;
  if (text === undefined && blocks === undefined && get(args, 'attachments') === undefined)
    return fail('no_text');
  const problems = validateMessage(args);
  ctx.recorder.violate(method, problems);
  const errors = errorsIn(problems);
  return errors.length > 0 ? fail('invalid_blocks', errors) : { text, blocks };
}

function isFailure(value: MessageContent | JsonObject): value is JsonObject {
  return 'ok' in value;
}

/** A channel id as Slack resolves it: a user id (`U…`/`W…`) means that user's DM. */
function resolveChannel(channel: string, ctx: ApiContext): string {
  return /^[UW]/.test(channel) ? ctx.messages.openConversation([channel]) : channel;
}

function messageJson(message: PostedMessage, ctx: ApiContext): JsonObject {
  return {
    type: 'message',
    text: message.text ?? '',
    ...(message.blocks === undefined ? {} : { blocks: message.blocks }),
    ...(message.threadTs === undefined ? {} : { thread_ts: message.threadTs }),
    user: ctx.identity.botUserId,
    bot_id: ctx.identity.botId,
    app_id: ctx.identity.appId,
    team: ctx.identity.teamId,
    ts: message.ts,
  };
}

const postMessage: MethodHandler = (args, ctx) => {
  const requested = field(args, 'channel');
  if (requested === undefined) return fail('channel_not_found');
  const channel = resolveChannel(requested, ctx);
  const refusal = ctx.messages.refusal(channel);
  if (refusal !== undefined) return fail(refusal);
  const checked = content('chat.postMessage', args, ctx);
  if (isFailure(checked)) return checked;
  const posted = ctx.messages.post(channel, checked, field(args, 'thread_ts'));
  return { ok: true, channel, ts: posted.ts, message: messageJson(posted, ctx) };
};

const update: MethodHandler = (args, ctx) => {
  const channel = field(args, 'channel');
  const ts = field(args, 'ts');
  if (channel === undefined) return fail('channel_not_found');
  const refusal = ctx.messages.refusal(channel);
  if (refusal !== undefined) return fail(refusal);
  const message = ts === undefined ? undefined : ctx.messages.find(channel, ts);
  if (message === undefined) return fail('message_not_found');
  const checked = content('chat.update', args, ctx);
  if (isFailure(checked)) return checked;
  // NOTE: like Slack, omitted fields keep their old value; `blocks: []` removes blocks.
  if (checked.text !== undefined) message.text = checked.text;
  if (checked.blocks !== undefined) message.blocks = checked.blocks;
  message.edits += 1;
  ctx.recorder.changed();
  return { ok: true, channel, ts: message.ts, text: message.text ?? '', message: messageJson(message, ctx) };
};

const postEphemeral: MethodHandler = (args, ctx) => {
  const channel = field(args, 'channel');
  const user = field(args, 'user');
  if (channel === undefined) return fail('channel_not_found');
  if (user === undefined) return fail('user_not_in_channel');
  const refusal = ctx.messages.refusal(channel);
  if (refusal !== undefined) return fail(refusal);
  const checked = content('chat.postEphemeral', args, ctx);
  if (isFailure(checked)) return checked;
  return { ok: true, message_ts: ctx.messages.postEphemeral(channel, user, checked).ts };
};

const conversationsOpen: MethodHandler = (args, ctx) => {
  const existing = field(args, 'channel');
  if (existing !== undefined) return { ok: true, channel: { id: existing } };
  const users = (field(args, 'users') ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  if (users.length === 0) return fail('users_list_not_supplied');
  const channel = ctx.messages.openConversation(users);
  const team = users.length === 1 ? ctx.workspaces.teamOf(users[0] ?? '') : undefined;
  if (team !== undefined) ctx.workspaces.note(channel, team);
  return { ok: true, channel: { id: channel } };
};

/** chat.postMessage / chat.update / chat.postEphemeral / conversations.open. */
export const chatMethods: Readonly<Record<string, MethodHandler>> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
  'conversations.open': conversationsOpen,
};
