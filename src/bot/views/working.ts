import type { KnownBlock, ModalView } from '@slack/types';
import { centsToMils, formatUsd } from '../../lib/money.ts';
import type { WizardContext } from '../../machine/index.ts';
import { BLOCK_IDS, CALLBACK_IDS, EXTRA_CALLBACK_IDS } from '../ids.ts';
import { contextLine, textSection } from './blocks.ts';
import { modal, TITLES } from './modal.ts';
import { escapeMrkdwn } from './text.ts';
import type { ViewMeta } from './types.ts';

/** What a "working…" view says; no inputs and no submit, so nothing can be sent twice while it shows. */
export interface WorkingParts {
  text: string;
  /** A second, smaller line (e.g. "Do not close this window"). */
  note?: string;
  callbackId?: string;
  title?: string;
}

/**
 * A view that only says what is happening. The bot shows one at once when an Endicia call may outlast
 * Slack's 3 seconds, then replaces it with views.update. Without a callbackId it is the generic
 * `postage/loading` view (e.g. while a session is being restored).
 */
export function workingView(meta: ViewMeta, parts: WorkingParts): ModalView {
  const blocks: KnownBlock[] = [
    textSection(BLOCK_IDS.summary, `:hourglass_flowing_sand: ${escapeMrkdwn(parts.text)}`),
  ];
  if (parts.note !== undefined) blocks.push(contextLine(BLOCK_IDS.notice, escapeMrkdwn(parts.note)));
  return modal(meta, {
    callbackId: parts.callbackId ?? EXTRA_CALLBACK_IDS.loading,
    title: parts.title ?? TITLES.buy,
    blocks,
    close: 'Close',
  });
}

function amountText(context: WizardContext): string {
  const cents = context.purchase?.amountCents ?? context.amountCents;
  return cents === null ? 'postage' : `${formatUsd(centsToMils(cents))} of postage`;
}

const STAY = 'Do not close this window: the result shows here.';

/** verifying: the login check (GetAccountStatus). Closing cancels it. */
export function verifyingView(_context: WizardContext, meta: ViewMeta): ModalView {
  return workingView(meta, { callbackId: CALLBACK_IDS.verifying, text: 'Checking your Endicia account…' });
}

/** remembering: saving (or forgetting) the remembered credentials after a good login. */
export function rememberingView(context: WizardContext, meta: ViewMeta): ModalView {
  const text = context.remember
    ? 'Logged in. Remembering your account number and pass phrase…'
    : 'Logged in. Opening the postage details…';
  return workingView(meta, { callbackId: CALLBACK_IDS.remembering, text });
}

/** purchasing: BuyPostage is running; it always runs to its answer. */
export function purchasingView(context: WizardContext, meta: ViewMeta): ModalView {
  const account = context.credentials?.accountId ?? context.accountId;
  const suffix = account === null ? '' : ` for account ${account}`;
  return workingView(meta, {
    callbackId: CALLBACK_IDS.purchasing,
    text: `Buying ${amountText(context)}${suffix}…`,
    note: STAY,
  });
}

/** reconciling: the purchase's answer was lost; the balance is re-read instead of buying again. */
export function reconcilingView(context: WizardContext, meta: ViewMeta): ModalView {
  return workingView(meta, {
    callbackId: CALLBACK_IDS.reconciling,
    text: `Endicia did not answer; checking the balance to see whether ${amountText(context)} went through…`,
    note: 'Do not buy again until this finishes.',
  });
}

/** changing: ChangePassPhrase is running; not cancellable. */
export function changingView(_context: WizardContext, meta: ViewMeta): ModalView {
  return workingView(meta, {
    callbackId: CALLBACK_IDS.changing,
    title: TITLES.change,
    text: 'Changing the pass phrase…',
    note: STAY,
  });
}
