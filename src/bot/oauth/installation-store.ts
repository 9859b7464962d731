import type {
  Installation,
  InstallationQuery,
  InstallationStore as SlackInstallationStore,
} from '@slack/oauth';
import { CodedError } from '../../lib/coded-error.ts';
import type { InstallationKey, InstallationStore, WorkspaceInstallation } from '../../store/index.ts';

/** No installation for the workspace or org a request or an install names. */
export class InstallationMissingError extends CodedError {
  constructor(message: string) {
    super('INSTALLATION_MISSING', message);
  }
}

/** The store's address for a query: its org for an org-wide install, else its workspace. */
export function keyOfQuery(query: InstallationQuery<boolean>): InstallationKey | undefined {
  if (query.isEnterpriseInstall && query.enterpriseId !== undefined)
    return { kind: 'enterprise', id: query.enterpriseId };
  return query.teamId === undefined ? undefined : { kind: 'team', id: query.teamId };
}

/**
 * @slack/oauth's InstallationStore over our encrypted store: what Bolt's installer saves after the OAuth
 * flow and what `authorize` reads for every request. Only bot installations are kept (the app asks for
 * no user scopes); user tokens are never stored.
 */
export function slackInstallationStore(
  installations: InstallationStore,
  now: () => Date,
): SlackInstallationStore {
  // Written once per workspace and process: authorize runs this for every request.
  const noted = new Set<string>();
  return {
    async storeInstallation(installation) {
      if (installation.bot === undefined)
        throw new InstallationMissingError('the install granted no bot token (the app needs its bot scopes)');
      await installations.put(toStored(installation, installation.bot, now()));
    },
    async fetchInstallation(query) {
      const key = keyOfQuery(query);
      const stored = key === undefined ? undefined : await installations.get(key);
      if (stored === undefined)
        throw new InstallationMissingError('this workspace has not installed the app');
      const { teamId, enterpriseId } = query;
      if (key?.kind === 'enterprise' && teamId !== undefined && enterpriseId !== undefined) {
        const member = `${enterpriseId}/${teamId}`;
        if (!noted.has(member)) {
          await installations.noteOrgMember(teamId, enterpriseId);
          noted.add(member);
        }
      }
      return toSlack(stored);
    },
    async deleteInstallation(query) {
      const key = keyOfQuery(query);
      if (key !== undefined) await installations.delete(key);
    },
  };
}

function toStored(
  installation: Installation<'v1' | 'v2', boolean>,
  bot: NonNullable<Installation['bot']>,
  at: Date,
): WorkspaceInstallation {
  return {
    teamId: installation.team?.id ?? null,
    enterpriseId: installation.enterprise?.id ?? null,
    isEnterpriseInstall: installation.isEnterpriseInstall === true,
    botToken: bot.token,
    botId: bot.id ?? null,
    botUserId: bot.userId,
    scopes: [...bot.scopes],
    appId: installation.appId ?? null,
    installerUserId: installation.user.id ?? null,
    enterpriseUrl: installation.enterpriseUrl ?? null,
    installedAt: at.toISOString(),
  };
}

function toSlack(stored: WorkspaceInstallation): Installation<'v2', boolean> {
  return {
    team: stored.teamId === null ? undefined : { id: stored.teamId },
    enterprise: stored.enterpriseId === null ? undefined : { id: stored.enterpriseId },
    user: { token: undefined, scopes: undefined, id: stored.installerUserId ?? '' },
    bot: {
      token: stored.botToken,
      scopes: stored.scopes,
      id: stored.botId ?? '',
      userId: stored.botUserId,
    },
    isEnterpriseInstall: stored.isEnterpriseInstall,
    authVersion: 'v2',
    tokenType: 'bot',
    ...(stored.appId === null ? {} : { appId: stored.appId }),
    ...(stored.enterpriseUrl === null ? {} : { enterpriseUrl: stored.enterpriseUrl }),
  } as Installation<'v2', boolean>;
}
