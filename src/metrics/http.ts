import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { Logger } from '../lib/logger.ts';
import type { Readiness } from './readiness.ts';

/** A GET route served next to `/healthz` (HTTP mode: Bolt's receiver; Socket Mode: our small server). */
export interface OpsRoute {
  path: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/** `GET /metrics`: the Prometheus text of `registry`; with a token set, only for `Authorization: Bearer <token>`. */
export function metricsRoute(registry: Registry, token: string | null, logger: Logger): OpsRoute {
  return {
    path: '/metrics',
    handler(req, res) {
      if (token !== null && !bearerMatches(req.headers.authorization, token)) {
        res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' });
        res.end('unauthorized\n');
        return;
      }
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(text);
        },
        (error: unknown) => {
          logger.error('metrics could not be collected', { error });
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('metrics unavailable\n');
        },
      );
    },
  };
}

/** `GET /readyz`: 200 `ready`, or 503 with a short fixed reason. */
export function readyRoute(readiness: Readiness): OpsRoute {
  return {
    path: '/readyz',
    handler(_req, res) {
      void readiness.check().then((result) => {
        res.writeHead(result.ready ? 200 : 503, { 'content-type': 'text/plain' });
        res.end(result.ready ? 'ready\n' : `not ready: ${result.reason}\n`);
      });
    },
  };
}

/**
 * Constant-time comparison of the presented bearer token with ours: both are hashed first, so neither the
 * content nor the length of the token leaks through timing.
 */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(token)) && presented.length > 0;
}
