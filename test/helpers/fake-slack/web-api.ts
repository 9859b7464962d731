import { type ApiContext, fail, type MethodHandler, type TokenPolicy } from './api-context.ts';
import type { JsonObject } from './json.ts';
import { chatMethods } from './methods-chat.ts';
import { fileMethods } from './methods-files.ts';
import { userMethods } from './methods-users.ts';
import { viewMethods } from './methods-views.ts';

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

const connectionsOpen: MethodHandler = (_args, ctx) => ({ ok: true, url: ctx.socketUrl() });

const METHODS: Readonly<Record<string, MethodHandler>> = {
  'auth.test': authTest,
  'apps.connections.open': connectionsOpen,
  ...viewMethods,
  ...chatMethods,
  ...userMethods,
  ...fileMethods,
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

function answer(method: string, args: JsonObject, token: string | undefined, ctx: ApiContext): ApiReply {
  const ok = (body: JsonObject): ApiReply => ({ status: 200, headers: {}, body });
  const handler = METHODS[method];
  if (handler === undefined) return ok(fail('unknown_method'));
  const denied = authError(method, token, ctx.policy);
  if (denied !== undefined) return ok(fail(denied));
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
