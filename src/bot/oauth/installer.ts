import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger as SlackLogger } from '@slack/bolt';
import {
  InstallProvider,
  type InstallURLOptions,
  type InstallationStore as SlackInstallationStore,
  type StateStore,
} from '@slack/oauth';
import type { WebClientOptions } from '@slack/web-api';
import type { Logger } from '../../lib/logger.ts';
import { installPages } from './pages.ts';

/** The bot scopes the install asks for; manifest.yml lists the same (test/manifest.test.ts). */
export const BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'im:write'] as const;

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/** OAuth mode's settings and store, as compose.ts hands them to the bot. */
export interface InstallerOptions {
  clientId: string;
  clientSecret: string;
  stateStore: StateStore;
  installationStore: SlackInstallationStore;
}

export interface Installer {
  /** Bolt's `authorize`: the workspace's installation, read for every request. */
  authorize: InstallProvider['authorize'];
  /** `GET /slack/install` (redirects to Slack with a fresh state) and `GET /slack/oauth_redirect`. */
  routes: Array<{ path: string; handler: (req: IncomingMessage, res: ServerResponse) => void }>;
}

/**
 * @slack/oauth's InstallProvider — what Bolt's receivers build from `installerOptions` — built once here
 * so both HTTP and Socket Mode serve the install routes on PORT next to /healthz (Bolt's Socket Mode
 * server would take a port of its own). `/slack/install` redirects straight to Slack's authorize page
 * (directInstall): the state cookie and the signed, single-use state travel with it.
 */
export function createInstaller(
  options: InstallerOptions,
  context: { slackLogger: SlackLogger; logger: Logger; clientOptions: WebClientOptions },
): Installer {
  const provider = new InstallProvider({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    stateStore: options.stateStore,
    installationStore: options.installationStore,
    directInstall: true,
    logger: context.slackLogger,
    clientOptions: context.clientOptions,
  });
  const installUrlOptions: InstallURLOptions = { scopes: [...BOT_SCOPES] };
  const callbackOptions = installPages(INSTALL_PATH);
  const failed = (what: string, res: ServerResponse) => (error: unknown) => {
    context.logger.error(`${what} failed`, { error });
    if (!res.headersSent) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Something went wrong. Please try again.\n');
    }
  };
  return {
    authorize: provider.authorize,
    routes: [
      {
        path: INSTALL_PATH,
        handler: (req, res) => {
          provider
            .handleInstallPath(req, res, undefined, installUrlOptions)
            .catch(failed('install start', res));
        },
      },
      {
        path: REDIRECT_PATH,
        handler: (req, res) => {
          provider.handleCallback(req, res, callbackOptions).catch(failed('install callback', res));
        },
      },
    ],
  };
}
