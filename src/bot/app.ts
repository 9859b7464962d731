import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Logger } from '../lib/logger.ts';
import type { AckKind } from '../metrics/index.ts';
import { timeAcks } from './ack-timing.ts';
import type { Background } from './background.ts';
import type { BotDeps } from './deps.ts';
import { registerListeners } from './listeners/index.ts';
import { createInstaller, type InstallerOptions } from './oauth/installer.ts';
import { registerUninstall, type UninstallDeps } from './oauth/uninstall.ts';
import { toSlackLogger } from './slack-logger.ts';

/** OAuth mode: installable in any workspace, each request authorized with its workspace's token. */
export interface BotOAuthOptions extends InstallerOptions, UninstallDeps {}

export interface BotOptions {
  /** Single-workspace mode's token; null in OAuth mode (then `oauth` is required). */
  botToken: string | null;
  oauth?: BotOAuthOptions | null;
  /** HTTP mode: signs every request; required unless `appToken` is set. */
  signingSecret: string | null;
  /** Socket Mode when set (xapp-…). */
  appToken: string | null;
  /** `SLACK_API_URL`: a proxy or a local fake Slack. */
  apiUrl: string | null;
  port: number;
  /** Interface to listen on; all interfaces by default, tests use 127.0.0.1. */
  host?: string;
  logger: Logger;
  /** Extra WebClient options (tests turn retries off). */
  clientOptions?: WebClientOptions;
  /** Skip auth.test at start-up (tests, or a proxy that lacks it). */
  botId?: string;
  botUserId?: string;
  /** More GET routes served next to `/healthz` (`/metrics`, `/readyz`), in both modes. */
  routes?: ReadonlyArray<{ path: string; handler: (req: IncomingMessage, res: ServerResponse) => void }>;
  /** Told how long each Slack request took to acknowledge (metrics). */
  onAck?: (kind: AckKind, seconds: number) => void;
}

export interface Bot {
  app: App;
  /** Starts listening; resolves with the bound port (HTTP: Slack's endpoint; Socket Mode: /healthz only). */
  start(): Promise<number>;
  /** Stops taking new requests (closes the listener / socket). In-flight work is drained by the caller. */
  stop(): Promise<void>;
}

/** Bolt app with our listeners, `/healthz`, and either the HTTP receiver or Socket Mode. */
export function createBot(options: BotOptions, deps: BotDeps, background: Background): Bot {
  const slackLogger = toSlackLogger(options.logger);
  let ready = false;
  const health = { path: '/healthz', method: ['GET'], handler: healthHandler(() => ready) };
  const clientOptions: WebClientOptions = {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    ...options.clientOptions,
  };
  const oauth = options.oauth ?? null;
  const installer =
    oauth === null ? null : createInstaller(oauth, { slackLogger, logger: options.logger, clientOptions });
  const routes = [
    health,
    ...[...(options.routes ?? []), ...(installer?.routes ?? [])].map((route) => ({
      ...route,
      method: ['GET'],
    })),
  ];

  let receiver: Receiver;
  let healthServer: Server | null = null;
  if (options.appToken) {
    // Bolt's Socket Mode health server listens on every interface with no way to learn an ephemeral port;
    // ours is a 10-line server we control.
    receiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger: slackLogger,
      installerOptions: { clientOptions },
    });
    healthServer = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const route = req.method === 'GET' ? routes.find((r) => r.path === path) : undefined;
      if (route) return route.handler(req, res);
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found\n');
    });
  } else {
    receiver = new HTTPReceiver({
      signingSecret: options.signingSecret ?? '',
      logger: slackLogger,
      customRoutes: routes,
      // Never let a slow handler turn into Slack's own timeout error: we ack in well under 3 s ourselves.
      unhandledRequestTimeoutMillis: 3001,
    });
  }

  const app = new App({
    receiver,
    logger: slackLogger,
    clientOptions,
    ...(installer !== null
      ? { authorize: installer.authorize }
      : {
          token: options.botToken ?? '',
          ...(options.botId ? { botId: options.botId, tokenVerificationEnabled: false } : {}),
          ...(options.botUserId ? { botUserId: options.botUserId } : {}),
        }),
  });
  if (options.onAck) timeAcks(app, options.onAck);
  registerListeners(app, deps, background);
  if (oauth !== null) registerUninstall(app, oauth, background);
  app.error(async (error) => {
    options.logger.error('unhandled listener error', { error });
  });

  return {
    app,
    async start() {
      let port: number;
      const listen = { port: options.port, ...(options.host ? { host: options.host } : {}) };
      if (healthServer) {
        await app.start();
        const server = healthServer;
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(listen, () => resolve());
        });
        port = (server.address() as AddressInfo).port;
      } else {
        const server = (await app.start(listen)) as Server;
        port = (server.address() as AddressInfo).port;
      }
      ready = true;
      return port;
    },
    async stop() {
      ready = false;
      await app.stop();
      if (healthServer?.listening) {
        const server = healthServer;
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

function healthHandler(isReady: () => boolean) {
  return (
    _req: unknown,
    res: { writeHead(status: number, headers: Record<string, string>): void; end(body: string): void },
  ) => {
    const ok = isReady();
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok }));
  };
}
