import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { ApiContext, FakeIdentity } from './api-context.ts';
import { validateMessage } from './block-kit-limits.ts';
import type { FakeSlack, FakeSlackOptions } from './fake-slack.ts';
import { createFaults } from './faults.ts';
import { parseApiArgs, readBody, sendJson } from './http-io.ts';
import { createIds } from './ids.ts';
import { tryParseJson } from './json.ts';
import { createMessageStore } from './message-store.ts';
import { createRecorder } from './recorder.ts';
import { createResponseUrls } from './response-urls.ts';
import { createSocketMode } from './socket-mode.ts';
import { createTriggerBook } from './triggers.ts';
import { createViewStore } from './view-store.ts';
import { waitFor } from './wait-for.ts';
import { bearerToken, handleApiCall } from './web-api.ts';
import { createWorkspaces } from './workspaces.ts';

/**
 * Starts the fake Slack on 127.0.0.1 (ephemeral port): the Web API under `apiUrl` (point Bolt's
 * `clientOptions.slackApiUrl` at it), Socket Mode on `/socket`, response URLs on `/response/<id>`.
 * Close it in afterAll/afterEach (after stopping any app connected over Socket Mode).
 */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const now = options.now ?? Date.now;
  const identity: FakeIdentity = {
    teamId: options.teamId ?? 'T0FAKE',
    appId: options.appId ?? 'A0FAKE',
    botId: options.botId ?? 'B0FAKE',
    botUserId: options.botUserId ?? 'U0FAKEBOT',
  };
  const ids = createIds(now);
  const recorder = createRecorder();
  const views = createViewStore({ ids, appId: identity.appId, botId: identity.botId });
  const triggers = createTriggerBook(ids, now, options.triggerTtlMs);
  const messages = createMessageStore(ids);
  const faults = createFaults();
  const workspaces = createWorkspaces(identity.appId);
  const responseUrls = createResponseUrls(ids, now);
  let base = '';
  const socket = createSocketMode({
    ids,
    appId: identity.appId,
    recorder,
    wsBase: () => base.replace('http', 'ws'),
  });
  const policy = {
    ...(options.botToken === undefined ? {} : { botToken: options.botToken }),
    ...(options.appToken === undefined ? {} : { appToken: options.appToken }),
  };
  const ctx: ApiContext = {
    ids,
    now,
    identity,
    views,
    triggers,
    messages,
    recorder,
    faults,
    policy,
    workspaces,
    socketUrl: socket.issueUrl,
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: 'method_not_allowed' });
    const body = await readBody(req);
    if (path.startsWith('/api/')) {
      const args = parseApiArgs(body, req.headers['content-type']);
      if (args === undefined) return sendJson(res, 200, { ok: false, error: 'invalid_form_data' });
      const reply = handleApiCall(
        path.slice('/api/'.length),
        args,
        bearerToken(req.headers.authorization),
        ctx,
      );
      return sendJson(res, reply.status, reply.body, reply.headers);
    }
    if (path.startsWith('/response/')) {
      const parsed = tryParseJson(body);
      recorder.violate('response_url', validateMessage(parsed));
      const outcome = responseUrls.post(path.slice('/response/'.length), parsed);
      recorder.changed();
      return outcome === 'ok'
        ? sendJson(res, 200, { ok: true })
        : sendJson(res, 404, { ok: false, error: outcome });
    }
    return sendJson(res, 404, { ok: false, error: 'not_found' });
  };

  const server = createServer((req, res) => {
    route(req, res).catch(() => sendJson(res, 500, { ok: false, error: 'fake_slack_internal_error' }));
  });
  server.on('upgrade', socket.handleUpgrade);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;

  const fake: FakeSlack = {
    apiUrl: `${base}/api/`,
    baseUrl: base,
    identity,
    calls: recorder.calls,
    callsTo: (method) => recorder.calls.filter((c) => c.method === method),
    violations: recorder.violations,
    recordViolations: (where, list) => recorder.violate(where, list),
    views,
    messages: messages.byChannel,
    messagesIn: (channel) => messages.byChannel.get(channel) ?? [],
    ephemerals: messages.ephemerals,
    issueTriggerId: (key) => triggers.issue(key),
    refuseChannel: (channel, reason) => messages.refuse(channel, reason),
    acceptChannel: (channel) => messages.refuse(channel, undefined),
    rateLimit: (method, limit) => faults.rateLimit(method, limit),
    failNext: (method, error, times) => faults.failNext(method, error, times),
    newResponseUrl: () => `${base}/response/${responseUrls.create()}`,
    responses: (urlOrId) => responseUrls.bodies(urlOrId.slice(urlOrId.lastIndexOf('/') + 1)),
    waitFor: (probe, waitOptions) => waitFor(() => probe(fake), recorder.subscribe, waitOptions),
    changed: () => recorder.changed(),
    socket,
    workspaces,
    reset: () => {
      for (const part of [recorder, views, triggers, messages, faults, responseUrls]) part.reset();
    },
    close: async () => {
      socket.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
