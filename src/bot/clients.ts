import type { WebClient } from '@slack/web-api';
import type { Logger } from '../lib/logger.ts';
import type { InstallationStore } from '../store/index.ts';

/**
 * The Slack client for work about one workspace that no request carries (alert posts and edits, receipts
 * of recovered purchases, re-check notices, block and hold notices). Null: the workspace has no
 * installation (any more), and the work is dropped — already logged by the resolver.
 */
export type ClientFor = (teamId: string) => Promise<WebClient | null>;

/** What background senders take: one client (single-workspace mode) or a resolver per workspace. */
export type SlackClients = WebClient | ClientFor;

/** A resolver from either form: one client serves every workspace in single-workspace mode. */
export function clientResolver(clients: SlackClients): ClientFor {
  return typeof clients === 'function' ? clients : async () => clients;
}

export interface WorkspaceClients {
  clientFor: ClientFor;
  /** Drops a workspace's cached client at once (it uninstalled the app or its token was revoked). */
  forget(teamId: string): void;
}

/** How long a resolved client is reused before the installation is read again. */
const DEFAULT_CACHE_MS = 10_000;

/**
 * OAuth mode: each workspace's client carries that workspace's bot token, read from its installation.
 * Resolved clients are kept briefly (another instance's uninstall is seen within `cacheMs`; this
 * instance's at once, through `forget`). Tokens are never logged.
 */
export function workspaceClients(options: {
  installations: Pick<InstallationStore, 'get' | 'orgOf'>;
  makeClient(token: string): WebClient;
  logger: Logger;
  cacheMs?: number;
}): WorkspaceClients {
  const cacheMs = options.cacheMs ?? DEFAULT_CACHE_MS;
  const cache = new Map<string, { client: WebClient; token: string; until: number }>();
  return {
    async clientFor(teamId) {
      const cached = cache.get(teamId);
      if (cached !== undefined && cached.until > Date.now()) return cached.client;
      const installation = await installationFor(options.installations, teamId);
      if (installation === undefined) {
        cache.delete(teamId);
        options.logger.warn('no installation for this workspace; its Slack work is dropped', { teamId });
        return null;
      }
      const client =
        cached?.token === installation.botToken ? cached.client : options.makeClient(installation.botToken);
      cache.set(teamId, { client, token: installation.botToken, until: Date.now() + cacheMs });
      return client;
    },
    forget: (teamId) => void cache.delete(teamId),
  };
}

/** The workspace's own installation, else the org-wide one its requests came under. */
async function installationFor(installations: Pick<InstallationStore, 'get' | 'orgOf'>, teamId: string) {
  const own = await installations.get({ kind: 'team', id: teamId });
  if (own !== undefined) return own;
  const org = await installations.orgOf(teamId);
  return org === undefined ? undefined : installations.get({ kind: 'enterprise', id: org });
}
