import type { ViewOutput } from '@slack/bolt';
import type { WizardEvent, WizardSnapshot, WizardState } from '../../machine/index.ts';
import type { BotDeps } from '../deps.ts';
import { parseAmountForm, parseChangeForm, parseLoginForm } from '../forms/index.ts';

export type SubmissionEvent = { event: WizardEvent } | { errors: Record<string, string> } | { close: true };

/** What a submission of the page `state` means, after the form's own checks (no Endicia call yet). */
export function eventForSubmission(
  state: WizardState,
  values: ViewOutput['state']['values'],
  snapshot: WizardSnapshot,
  deps: Pick<BotDeps, 'newId' | 'maxPurchaseCents'>,
  /** The modal's id: a purchase keeps it, so crash recovery can update the "Buying…" view. */
  viewId: string | null = null,
): SubmissionEvent {
  const { context } = snapshot;
  switch (state) {
    case 'account': {
      const parsed = parseLoginForm(values, { rememberedAccountId: context.remembered?.accountId ?? null });
      return parsed.ok ? { event: parsed.event } : { errors: parsed.errors };
    }
    case 'details': {
      const parsed = parseAmountForm(values, context.maxPurchaseCents);
      // A new request id per review: the idempotency key of exactly this confirmation.
      return parsed.ok
        ? { event: { type: 'REVIEW', amountCents: parsed.amountCents, requestId: deps.newId() } }
        : { errors: parsed.errors };
    }
    case 'confirming':
      return { event: viewId === null ? { type: 'CONFIRM' } : { type: 'CONFIRM', viewId } };
    case 'changeForm': {
      const parsed = parseChangeForm(values);
      return parsed.ok ? { event: { type: 'CHANGE', ...parsed.fields } } : { errors: parsed.errors };
    }
    case 'done':
    case 'uncertain':
    case 'changed':
      return { event: { type: 'FINISH' } };
    default:
      return { close: true };
  }
}
