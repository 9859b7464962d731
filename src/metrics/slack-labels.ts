// Slack method names and error codes become metric labels only from these lists: a label must never
// carry something Slack or a proxy echoed back (an id, a token, an HTML page), and the series stay few.

/** The Web API methods this app calls. */
const METHODS = new Set([
  'auth.test',
  'apps.connections.open',
  'chat.postMessage',
  'chat.postEphemeral',
  'chat.update',
  'chat.delete',
  'conversations.open',
  'views.open',
  'views.push',
  'views.update',
  'views.publish',
]);

/** Error codes of those methods that an operator can act on, plus our own transport codes. */
const ERRORS = new Set([
  // Our own, for calls without a Slack answer.
  'ratelimited',
  'http_error',
  'request_error',
  'invalid_json',
  // Slack's.
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'not_allowed_token_type',
  'no_permission',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'user_not_found',
  'cannot_dm_bot',
  'msg_too_long',
  'no_text',
  'invalid_blocks',
  'invalid_arguments',
  'invalid_trigger_id',
  'expired_trigger_id',
  'exchanged_trigger_id',
  'trigger_exchanged',
  'view_too_large',
  'not_found',
  'hash_conflict',
  'cant_update_message',
  'message_not_found',
  'edit_window_closed',
  'duplicate_external_id',
  'push_limit_reached',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'unknown_method',
]);

export function slackMethodLabel(method: string): string {
  return METHODS.has(method) ? method : 'other';
}

export function slackErrorLabel(error: string): string {
  return ERRORS.has(error) ? error : 'other';
}
