import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { NOT_A_BUYER, type WizardEntry, type WizardSnapshot } from '../../machine/index.ts';
import { slackErrorCode } from '../announce.ts';
import { STORE_FAILED } from '../commands/store-failed.ts';
import type { BotDeps } from '../deps.ts';
import { settingsOf } from '../settings/team-settings.ts';
import { failedView, TITLES, workingView } from '../views/index.ts';
import { within } from '../within.ts';
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

// How long the first page may take (a store read and the session's first write) before a "loading" view
// takes the trigger instead. Trigger ids die 3 s after the command; under a burst the store's queue alone
// can outlast that, and a person whose modal never opens sees nothing at all (issue 17).
const FIRST_PAGE_BUDGET_MS = 1_000;

/**
 * Opens the wizard modal. Trigger ids die after 3 s, so only a local store read and the session's first
 * snapshot come before views.open; nothing here waits on Endicia. When even those are slow, a loading
 * view opens first and the first page replaces it (views.update) once it is ready.
 * @returns null on success, else a sentence for the person (Slack refused the modal).
 * @throws when the first page cannot be made (the store failed) and no loading view is showing.
 */
export async function openWizard(
  client: WebClient,
  deps: BotDeps,
  request: OpenWizardRequest,
): Promise<string | null> {
  // A non-buyer is refused before any login is used: no modal, no Endicia call.
  if (request.entry === 'wizard') {
    const { buyerIds } = await settingsOf(deps.settings, request.teamId);
    if (buyerIds.length > 0 && !buyerIds.includes(request.userId)) return NOT_A_BUYER;
  }
  // The id names its workspace, so an uninstall can delete the workspace's sessions (SessionStore.deleteTeam).
  const sessionId = `${request.teamId}.${deps.newId()}`;
  const first = firstPage(deps, request, sessionId);
  const quick = await within(first, FIRST_PAGE_BUDGET_MS);
  if (quick.done) return open(client, deps, request.triggerId, render(quick.value, deps));

  const meta = {
    sessionId,
    environmentLabel: deps.environmentLabel,
    revealedPassPhrase: null,
    rememberedAccountId: null,
  };
  const title = request.entry === 'passphrase' ? TITLES.change : TITLES.buy;
  let viewId: string | undefined;
  const problem = await open(
    client,
    deps,
    request.triggerId,
    workingView(meta, { text: 'Opening…', title }),
    (id) => {
      viewId = id;
    },
  );
  if (problem !== null || viewId === undefined) {
    // Nothing shows: the page is still made (and stored), so a later click finds a consistent store.
    await first.catch(() => undefined);
    return problem;
  }
  let view: ModalView;
  try {
    view = render(await first, deps);
  } catch (error) {
    deps.logger.error('could not open the wizard', { error });
    view = failedView(meta, STORE_FAILED);
  }
  try {
    await client.views.update({ view_id: viewId, view });
  } catch (error) {
    // Closed while loading: the person left; the stored session expires on its own.
    deps.logger.info('the loading view could not be replaced (probably closed)', {
      code: slackErrorCode(error),
    });
  }
  return null;
}

/** The session's first snapshot, stored: a local store read and one write, no Endicia. */
async function firstPage(
  deps: BotDeps,
  request: OpenWizardRequest,
  sessionId: string,
): Promise<WizardSnapshot> {
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
  return deps.runner.start({
    sessionId,
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
}

/** views.open; null on success, else the sentence for the person. */
async function open(
  client: WebClient,
  deps: BotDeps,
  triggerId: string,
  view: ModalView,
  opened?: (viewId: string | undefined) => void,
): Promise<string | null> {
  try {
    const result = await client.views.open({ trigger_id: triggerId, view });
    opened?.(result.view?.id);
    return null;
  } catch (error) {
    deps.logger.warn('views.open failed', { code: slackErrorCode(error), error });
    return slackErrorCode(error) === 'expired_trigger_id'
      ? 'Slack took too long to open the window. Please run the command again.'
      : 'Slack could not open the window. Please try again.';
  }
}
