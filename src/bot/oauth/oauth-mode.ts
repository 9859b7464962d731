import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../lib/logger.ts';
import type { Store } from '../../store/index.ts';
import type { BotOAuthOptions } from '../app.ts';
import { type ClientFor, workspaceClients } from '../clients.ts';
import { forgetWorkspace } from './forget-workspace.ts';
import { slackInstallationStore } from './installation-store.ts';
import { createOnceStateStore } from './state-store.ts';

/** Slack retries an event for minutes; a day outlives every retry. */
const EVENT_ONCE_TTL_MS = 24 * 60 * 60 * 1000;

export interface OAuthMode {
  /** What createBot takes: the installer's settings and the uninstall listeners' deps. */
  oauth: BotOAuthOptions;
  /** Per-workspace clients for alerts (rejecting rate-limited calls) … */
  alertClients: ClientFor;
  /** … and for other background work (recovered purchases, re-check notices). */
  botClients: ClientFor;
}

/**
 * Everything OAuth mode adds, built from the store: installations and their single-use state, the
 * per-workspace clients, and the clean-up when a workspace removes the app.
 */
export function createOAuthMode(options: {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  store: Pick<Store, 'installations' | 'credentials' | 'sessions' | 'alerts' | 'once'>;
  makeAlertClient(token: string): WebClient;
  makeClient(token: string): WebClient;
  logger: Logger;
  now: () => Date;
}): OAuthMode {
  const { store, logger } = options;
  const alertClients = workspaceClients({
    installations: store.installations,
    makeClient: options.makeAlertClient,
    logger,
  });
  const botClients = workspaceClients({
    installations: store.installations,
    makeClient: options.makeClient,
    logger,
  });
  const forgetClients = (teamId: string) => {
    alertClients.forget(teamId);
    botClients.forget(teamId);
  };
  const installations = slackInstallationStore(store.installations, options.now);
  return {
    oauth: {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      stateStore: createOnceStateStore({ secret: options.stateSecret, once: store.once, now: options.now }),
      installationStore: {
        ...installations,
        // A reinstall's new token is used at once, not after the cached client expires.
        async storeInstallation(installation, slackLogger) {
          await installations.storeInstallation(installation, slackLogger);
          if (installation.team?.id) forgetClients(installation.team.id);
        },
      },
      claimEvent: (eventId) => store.once.claim(`event:${eventId}`, EVENT_ONCE_TTL_MS),
      forget: forgetWorkspace({
        installations: store.installations,
        credentials: store.credentials,
        sessions: store.sessions,
        alerts: store.alerts,
        forgetClients,
        logger,
      }),
    },
    alertClients: alertClients.clientFor,
    botClients: botClients.clientFor,
  };
}
