import type { ModalView } from '@slack/types';
import { stateOf, type WizardSnapshot, type WizardState } from '../../machine/index.ts';
import type { BotDeps } from '../deps.ts';
import { viewFor } from '../views/index.ts';

/**
 * The modal for a snapshot. `revealedPassPhrase` only when the person ticked "Make pass phrase visible";
 * `as` renders another page from the same context (the pushed change form showing its result).
 */
export function render(
  snapshot: WizardSnapshot,
  deps: Pick<BotDeps, 'environmentLabel'> & Partial<Pick<BotDeps, 'endiciaEnvironment'>>,
  revealedPassPhrase: string | null = null,
  as: WizardState = stateOf(snapshot),
): ModalView {
  const { context } = snapshot;
  return viewFor(as, context, {
    sessionId: context.sessionId,
    environmentLabel: deps.environmentLabel,
    revealedPassPhrase,
    rememberedAccountId: context.remembered?.accountId ?? null,
    endiciaEnvironment: deps.endiciaEnvironment ?? null,
  });
}
