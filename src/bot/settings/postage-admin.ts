import type { WebClient } from '@slack/web-api';
import type { BotDeps } from '../deps.ts';
import { settingsOf } from './team-settings.ts';

export const ONLY_ADMINS =
  'Only postage admins can change settings (workspace admins and owners, and the people they name).';

/**
 * A postage admin: named in the settings, or a workspace admin or owner as `users.info` says
 * (`users:read`). When Slack cannot answer, only the named admins are admins (fail closed).
 */
export async function isPostageAdmin(
  client: WebClient,
  deps: Pick<BotDeps, 'settings' | 'logger'>,
  teamId: string,
  userId: string,
): Promise<boolean> {
  const settings = await settingsOf(deps.settings, teamId);
  if (settings.postageAdminIds.includes(userId)) return true;
  try {
    const info = await client.users.info({ user: userId });
    return (
      info.user?.is_admin === true || info.user?.is_owner === true || info.user?.is_primary_owner === true
    );
  } catch (error) {
    deps.logger.warn('users.info failed; treating the person as no admin', { error });
    return false;
  }
}
