import { fail } from './api-context.ts';
import type { JsonObject } from './json.ts';

/** What an OAuth code installs: a workspace, or (org-wide) an Enterprise Grid org. */
export interface InstallGrant {
  teamId: string;
  teamName?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
  /** Who clicked "Allow". */
  userId: string;
}

/**
 * Workspaces that installed the app over OAuth: codes → bot tokens, one token per workspace, and who
 * (channel, person) belongs to which workspace. Once any token was issued, every bot call must carry a
 * live token of the workspace its channel, person, trigger or view belongs to.
 */
export interface Workspaces {
  /** A one-time code, as Slack appends to the redirect URL after "Allow". */
  authorizeCode(grant: InstallGrant): string;
  /** oauth.v2.access: the code's installation (a fresh token each time), or a failure. */
  exchange(code: string | undefined, clientId: string | undefined): JsonObject;
  /** The workspace a token belongs to; `revoked` after {@link revoke}. */
  tokenInfo(token: string): { teamId: string; revoked: boolean } | undefined;
  /** The live token of a workspace (its latest install). */
  tokenOf(teamId: string): string | undefined;
  /** Every token of the workspace stops working (uninstall, revocation). */
  revoke(teamId: string): void;
  /** True once a token was issued: bot calls are then checked per workspace. */
  active(): boolean;
  /** Records that a channel or person id belongs to a workspace (an id seen in two is left unchecked). */
  note(id: string, teamId: string): void;
  teamOf(id: string): string | undefined;
  reset(): void;
}

export const FAKE_CLIENT_ID = '1000.2000';

export function createWorkspaces(appId: string): Workspaces {
  const codes = new Map<string, InstallGrant>();
  const tokens = new Map<string, { teamId: string; revoked: boolean }>();
  const latest = new Map<string, string>();
  const owners = new Map<string, string | null>();
  let counter = 0;
  return {
    authorizeCode(grant) {
      counter += 1;
      const code = `code-${grant.teamId}-${counter}`;
      codes.set(code, grant);
      return code;
    },
    exchange(code, clientId) {
      if (clientId !== FAKE_CLIENT_ID) return fail('invalid_client_id');
      const grant = code === undefined ? undefined : codes.get(code);
      if (code === undefined || grant === undefined) return fail('invalid_code');
      codes.delete(code);
      counter += 1;
      const token = `xoxb-${grant.teamId}-${counter}-fake`;
      tokens.set(token, { teamId: grant.teamId, revoked: false });
      latest.set(grant.teamId, token);
      const org = grant.isEnterpriseInstall === true;
      return {
        ok: true,
        access_token: token,
        token_type: 'bot',
        scope: 'commands,chat:write,chat:write.public,im:write',
        bot_user_id: `UBOT${grant.teamId}`,
        app_id: appId,
        team: org ? null : { id: grant.teamId, name: grant.teamName ?? `Workspace ${grant.teamId}` },
        enterprise: grant.enterpriseId === undefined ? null : { id: grant.enterpriseId, name: 'Fake Org' },
        authed_user: { id: grant.userId },
        is_enterprise_install: org,
      };
    },
    tokenInfo: (token) => tokens.get(token),
    tokenOf: (teamId) => latest.get(teamId),
    revoke(teamId) {
      for (const info of tokens.values()) if (info.teamId === teamId) info.revoked = true;
      latest.delete(teamId);
    },
    active: () => tokens.size > 0,
    note(id, teamId) {
      const owner = owners.get(id);
      owners.set(id, owner === undefined || owner === teamId ? teamId : null);
    },
    teamOf: (id) => owners.get(id) ?? undefined,
    reset() {
      codes.clear();
    },
  };
}
