import type { Logger } from '../../lib/logger.ts';
import type {
  AlertStore,
  CredentialStore,
  InstallationKey,
  InstallationStore,
  SessionStore,
} from '../../store/index.ts';

/** Whose data goes when Slack says the app left: a workspace, or an org-wide install's org. */
export interface Departure {
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  /** `app_uninstalled` or `tokens_revoked` (for the log). */
  reason: string;
}

/**
 * The app was uninstalled (or its bot token revoked): that workspace's installation, remembered
 * logins, wizard sessions and alert subscriptions are deleted at once, and its cached Slack clients
 * dropped. Purchase records stay: they are receipts of money spent.
 */
export function forgetWorkspace(deps: {
  installations: Pick<InstallationStore, 'delete'>;
  credentials: Pick<CredentialStore, 'deleteTeam'>;
  sessions: Pick<SessionStore, 'deleteTeam'>;
  alerts: Pick<AlertStore, 'deleteTeam'>;
  /** Drops cached clients of the workspace. */
  forgetClients(teamId: string): void;
  logger: Logger;
}): (departure: Departure) => Promise<void> {
  return async (departure) => {
    const key: InstallationKey | null =
      departure.isEnterpriseInstall && departure.enterpriseId !== null
        ? { kind: 'enterprise', id: departure.enterpriseId }
        : departure.teamId === null
          ? null
          : { kind: 'team', id: departure.teamId };
    const teamId = departure.teamId;
    if (teamId !== null) deps.forgetClients(teamId);
    const installation = key === null ? false : await deps.installations.delete(key);
    const counts =
      teamId === null
        ? null
        : {
            credentials: await deps.credentials.deleteTeam(teamId),
            sessions: await deps.sessions.deleteTeam(teamId),
            alerts: await deps.alerts.deleteTeam(teamId),
          };
    deps.logger.info('workspace data deleted (the app left it); purchase records kept', {
      reason: departure.reason,
      teamId,
      enterpriseId: departure.enterpriseId,
      installation,
      ...counts,
    });
  };
}
