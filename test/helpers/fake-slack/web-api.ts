import { type ApiContext, fail, type MethodHandler, type TokenPolicy } from './api-context.ts';
import type { JsonObject } from './json.ts';
import { chatMethods } from './methods-chat.ts';
import { viewMethods } from './methods-views.ts';
import { teamOf } from './user-key.ts';

/** What the HTTP layer writes back. */
export interface ApiReply {
  status: number;
  headers: Record<string, string>;
  body: JsonObject;
}

const authTest: MethodHandler = (_args, ctx) => ({
  ok: true,
  url: 'https://fake-slack.example/',
  team: 'Fake Workspace',
  user: 'postage-bot',
  team_id: ctx.identity.teamId,
  user_id: ctx.identity.botUserId,
  bot_id: ctx.identity.botId,
  is_enterprise_install: false,
});

/** auth.test with a workspace's OAuth token: that workspace's ids. */
function authTestFor(teamId: string): JsonObject {
  return {
    ok: true,
    url: `https://${teamId.toLowerCase()}.fake-slack.example/`,
    team: `Workspace ${teamId}`,
    user: 'postage-bot',
    team_id: teamId,
    user_id: `UBOT${teamId}`,
    bot_id: `B${teamId}`,
    is_enterprise_install: false,
  };
}

/** The workspace a call is about: its trigger's, view's, channel's or person's. */
function subjectTeam(args: JsonObject, ctx: ApiContext): string | undefined {
  const triggerId = typeof args['trigger_id'] === 'string' ? args['trigger_id'] : undefined;
  const trigger = triggerId === undefined ? undefined : ctx.triggers.ownerOf(triggerId);
  if (trigger !== undefined) return teamOf(trigger);
  const viewId = typeof args['view_id'] === 'string' ? args['view_id'] : undefined;
  const view = viewId === undefined ? undefined : ctx.views.byId(viewId);
  if (view !== undefined) return teamOf(view.userKey);
  for (const field of ['channel', 'users', 'user']) {
    const id = args[field];
    const team = typeof id === 'string' ? ctx.workspaces.teamOf(id.split(',')[0] ?? '') : undefined;
    if (team !== undefined) return team;
  }
  return undefined;
}

const connectionsOpen: MethodHandler = (_args, ctx) => ({ ok: true, url: ctx.socketUrl() });

const METHODS: Readonly<Record<string, MethodHandler>> = {
  'auth.test': authTest,
  'apps.connections.open': connectionsOpen,
  ...viewMethods,
  ...chatMethods,
};

/** The bearer token from an Authorization header. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
}

function authError(method: string, token: string | undefined, policy: TokenPolicy): string | undefined {
  if (token === undefined) return 'not_authed';
  const appLevel = method === 'apps.connections.open';
  const expected = appLevel ? policy.appToken : policy.botToken;
  const valid = expected === undefined ? token.startsWith(appLevel ? 'xapp-' : 'xoxb-') : token === expected;
  return valid ? undefined : 'invalid_auth';
}

/**
 * OAuth installs (once any token was issued): a bot call must carry a live workspace token, and the
 * token of the workspace the call is about; a wrong one is also recorded as a violation.
 */
function workspaceError(method: string, args: JsonObject, token: string | undefined, ctx: ApiContext) {
  if (!ctx.workspaces.active() || method === 'apps.connections.open' || token === undefined) return undefined;
  const info = ctx.workspaces.tokenInfo(token);
  if (info === undefined) return 'invalid_auth';
  // Slack revokes before it sends tokens_revoked: a call in between is refused, not a bug.
  if (info.revoked) return 'token_revoked';
  const subject = subjectTeam(args, ctx);
  if (subject !== undefined && subject !== info.teamId) {
    ctx.recorder.violate(method, [`[ERROR] the token of ${info.teamId} was used for ${subject}`]);
    return 'invalid_auth';
  }
  return undefined;
}

function answer(method: string, args: JsonObject, token: string | undefined, ctx: ApiContext): ApiReply {
  const ok = (body: JsonObject): ApiReply => ({ status: 200, headers: {}, body });
  if (method === 'oauth.v2.access') {
    const field = (name: string) => (typeof args[name] === 'string' ? args[name] : undefined);
    return ok(ctx.workspaces.exchange(field('code'), field('client_id')));
  }
  const handler = METHODS[method];
  if (handler === undefined) return ok(fail('unknown_method'));
  const denied = authError(method, token, ctx.policy) ?? workspaceError(method, args, token, ctx);
  if (denied !== undefined) return ok(fail(denied));
  const installed = token === undefined ? undefined : ctx.workspaces.tokenInfo(token);
  if (method === 'auth.test' && installed !== undefined) return ok(authTestFor(installed.teamId));
  const fault = ctx.faults.take(method);
  if (fault?.kind === 'rate_limited') {
    return {
      status: 429,
      headers: { 'retry-after': String(fault.retryAfterSec) },
      body: fail('ratelimited'),
    };
  }
  if (fault?.kind === 'error') return ok(fail(fault.error));
  return ok(handler(args, ctx));
}

/**
 * Answers one Web API call like Slack: unknown method, auth (xoxb- for everything, xapp- for
 * apps.connections.open; missing → not_authed, wrong → invalid_auth), scheduled faults (429 with
 * Retry-After, forced errors), then the method. Every call is recorded with a copy of its answer.
 */
export function handleApiCall(
  method: string,
  args: JsonObject,
  token: string | undefined,
  ctx: ApiContext,
): ApiReply {
  const reply = answer(method, args, token, ctx);
  const response = structuredClone(reply.body);
  ctx.recorder.record({ method, args, token, at: ctx.now(), status: reply.status, response });
  return reply;
}
