import type { App } from '@slack/bolt';
import type { Background } from '../background.ts';
import type { Departure } from './forget-workspace.ts';

/** What the uninstall listeners need. */
export interface UninstallDeps {
  /** True the first time an event id is seen on the store (Slack retries; several instances). */
  claimEvent(eventId: string): Promise<boolean>;
  forget(departure: Departure): Promise<void>;
}

/**
 * `app_uninstalled`, and `tokens_revoked` naming bot tokens: the workspace's data goes (forgetWorkspace).
 * Bolt acks events before listeners run and skips authorize for these two (the installation may be
 * gone), so the ack is fast; each event id is handled once across retries and instances.
 */
export function registerUninstall(app: App, deps: UninstallDeps, background: Background): void {
  const handle =
    (reason: 'app_uninstalled' | 'tokens_revoked') =>
    async ({
      body,
      context,
    }: {
      body: { event_id?: string; team_id?: string; enterprise_id?: string };
      context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean };
    }) => {
      const eventId = body.event_id;
      if (eventId === undefined) return;
      background.run(reason, async () => {
        if (!(await deps.claimEvent(eventId))) return;
        await deps.forget({
          teamId: body.team_id ?? context.teamId ?? null,
          enterpriseId: body.enterprise_id ?? context.enterpriseId ?? null,
          isEnterpriseInstall: context.isEnterpriseInstall === true,
          reason,
        });
      });
    };
  app.event('app_uninstalled', handle('app_uninstalled'));
  app.event('tokens_revoked', async (args) => {
    // Revoked user tokens alone leave the bot installed.
    if ((args.event.tokens.bot ?? []).length === 0) return;
    await handle('tokens_revoked')(args);
  });
}
