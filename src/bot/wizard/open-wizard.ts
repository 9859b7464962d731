import type { WebClient } from '@slack/web-api';
import type { WizardEntry } from '../../machine/index.ts';
import { slackErrorCode } from '../announce.ts';
import type { BotDeps } from '../deps.ts';
import { render } from './render.ts';

export interface OpenWizardRequest {
  triggerId: string;
  teamId: string;
  userId: string;
  channelId: string | null;
  entry: WizardEntry;
  amountDraft: string | null;
  /** Prefill for Account Number (the alert's account); else the person's remembered one. */
  accountId?: string | null;
}

/**
 * Opens the wizard modal. Trigger ids die after 3 s, so only a local store read and the session's first
 * snapshot come before views.open; nothing here waits on Endicia.
 * @returns null on success, else a sentence for the person (Slack refused the modal).
 */
export async function openWizard(
  client: WebClient,
  deps: BotDeps,
  request: OpenWizardRequest,
): Promise<string | null> {
  const saved = await deps.credentials.get(request.teamId, request.userId).catch((error: unknown) => {
    deps.logger.warn('remembered credentials unreadable; opening without them', { error });
    return undefined;
  });
  const prefill = request.accountId ?? saved?.accountId ?? null;
  // A refused login, or its account blocked by anyone's refusal: Reveal would fill in nothing usable.
  const revealable =
    saved !== undefined &&
    saved.monitorBlockedAt === null &&
    !(await deps.remembered.blocked(request.teamId, saved.accountId).catch(() => true));
  const snapshot = await deps.runner.start({
    // The id names its workspace, so an uninstall can delete the workspace's sessions (SessionStore.deleteTeam).
    sessionId: `${request.teamId}.${deps.newId()}`,
    teamId: request.teamId,
    userId: request.userId,
    channelId: request.channelId,
    entry: request.entry,
    maxPurchaseCents: deps.maxPurchaseCents,
    serverUrl: deps.serverUrl,
    // Only a remembered account may skip the pass phrase; an alert's account is just a prefill.
    remembered:
      saved && (prefill === null || saved.accountId === prefill)
        ? { accountId: saved.accountId, ...(revealable ? {} : { revealable: false }) }
        : null,
    amountDraft: request.amountDraft,
    ...(prefill !== null && saved?.accountId !== prefill ? { accountDraft: prefill } : {}),
  });
  try {
    await client.views.open({ trigger_id: request.triggerId, view: render(snapshot, deps) });
    return null;
  } catch (error) {
    deps.logger.warn('views.open failed', { code: slackErrorCode(error), error });
    return slackErrorCode(error) === 'expired_trigger_id'
      ? 'Slack took too long to open the window. Please run the command again.'
      : 'Slack could not open the window. Please try again.';
  }
}
