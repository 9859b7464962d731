import type { KnownBlock, ModalView } from '@slack/types';
import { centsToMils, formatUsd, toDecimalString } from '../../lib/money.ts';
import {
  ENDICIA_MAX_PURCHASE_CENTS,
  isTemporaryPassPhrase,
  MIN_PURCHASE_CENTS,
  type Runway,
  type WizardContext,
} from '../../machine/index.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from '../ids.ts';
import { contextLine, failureBlocks, fieldsSection, noticeBlocks } from './blocks.ts';
import { button, textInput } from './inputs.ts';
import { modal, TITLES } from './modal.ts';
import { runwayText, suggestionText } from './runway-text.ts';
import { accountStatusLabel, clip, escapeMrkdwn } from './text.ts';
import type { ViewMeta } from './types.ts';

/** As long as the `/postage buy <amount>` prefill may be; an amount is far shorter anyway. */
const AMOUNT_MAX_LENGTH = 32;

/** The largest purchase this wizard allows, for the hint. */
export function maxPurchaseLabel(maxPurchaseCents: number): string {
  return formatUsd(centsToMils(Math.min(maxPurchaseCents, ENDICIA_MAX_PURCHASE_CENTS)));
}

/**
 * Postage to Add starts with the last reviewed amount (after Back or a refusal), else the
 * `/postage buy 25` draft. Slack keeps anything typed since, as long as the block id stays the same.
 */
function amountInitial(context: WizardContext): string | null {
  if (context.amountCents !== null) return toDecimalString(centsToMils(context.amountCents));
  return context.amountDraft?.trim() ?? null;
}

/**
 * Endicia's response message for the page, or null when there is none (no empty row). A failure that is
 * the response (a refused purchase) shows in that field with a ⚠ rather than twice; any other failure
 * keeps its own ⚠ line.
 */
function responseParts(context: WizardContext): { message: string | null; separateFailure: boolean } {
  const { failure, responseMessage } = context;
  // A temporary pass phrase is not a response to the amount: it heads the page, next to its remedy.
  if (isTemporaryPassPhrase(failure)) return { message: null, separateFailure: true };
  // Endicia refusing the amount (too low, over the limit, card declined) is said under Postage to Add.
  if (isAmountRefusal(failure)) return { message: null, separateFailure: false };
  if (failure !== null && (responseMessage === null || responseMessage === failure.message)) {
    return { message: `⚠️ ${failure.message}`, separateFailure: false };
  }
  return { message: responseMessage, separateFailure: failure !== null };
}

/** Endicia's refusals of the amount itself: shown as the amount field's error, not as a status line. */
function isAmountRefusal(failure: WizardContext['failure']): boolean {
  return failure !== null && (failure.kind === 'amount' || failure.kind === 'payment');
}

/**
 * The amount field's hint: the bounds, never more than the account can take once Endicia has said so
 * (a refused amount over its limit is the ceiling from then on).
 */
function amountHint(context: WizardContext): string {
  const least = formatUsd(centsToMils(MIN_PURCHASE_CENTS));
  const refused = context.refusedOverLimitCents ?? null;
  const most = Math.min(context.maxPurchaseCents, ENDICIA_MAX_PURCHASE_CENTS);
  const bound =
    refused !== null && refused <= most
      ? `less than ${formatUsd(centsToMils(refused))} (Endicia refused that much for this account)`
      : `at most ${maxPurchaseLabel(context.maxPurchaseCents)}`;
  const suggestion = suggestionText(context.status?.runway, context.maxPurchaseCents);
  const suggested = suggestion === null ? '' : `Suggested: ${suggestion}. `;
  return `${suggested}At least ${least} and ${bound}. You confirm before anything is bought.`;
}

/** The runway's row, when anything is known about it. */
function runwayRow(runway: Runway | null | undefined): Array<readonly [string, string]> {
  const text = runwayText(runway);
  return text === null ? [] : [['Runway', text]];
}

/** The server as people read it; the URL itself goes in small print below. */
function serverName(meta: ViewMeta): string {
  return meta.endiciaEnvironment ? `Endicia: ${meta.endiciaEnvironment}` : 'Endicia';
}

/** Step 3, the Postage Details page: server, balance, status, response message, Postage to Add; submit = Review. */
export function detailsView(context: WizardContext, meta: ViewMeta): ModalView {
  const status = context.status;
  const response = responseParts(context);
  const temporary = isTemporaryPassPhrase(context.failure);
  const blocks: KnownBlock[] = [
    ...(response.separateFailure ? failureBlocks(context.failure) : []),
    ...noticeBlocks(context.notice),
    fieldsSection(BLOCK_IDS.summary, [
      ['Account Number', status?.accountId ?? context.accountId ?? '—'],
      ['Postage balance', status === null ? 'Unknown' : formatUsd(status.balanceMils)],
      ['Status', status === null ? 'Unknown' : accountStatusLabel(status.accountStatus)],
      ...runwayRow(status?.runway),
      ['Server', serverName(meta)],
      ...(response.message === null ? [] : [['Response Message', clip(response.message, 1500)] as const]),
    ]),
    contextLine(BLOCK_IDS.server, `USPS Server URL: ${clip(context.serverUrl, 1500)}`),
    textInput({
      blockId: BLOCK_IDS.amount,
      actionId: ACTION_IDS.amount,
      label: 'Postage to Add',
      placeholder: 'Dollars, for example 25 or 25.50',
      hint: amountHint(context),
      initialValue: amountInitial(context),
      maxLength: AMOUNT_MAX_LENGTH,
    }),
    ...(isAmountRefusal(context.failure) && context.failure !== null
      ? [contextLine(BLOCK_IDS.amountError, `:warning: ${escapeMrkdwn(context.failure.message)}`)]
      : []),
    {
      type: 'actions',
      block_id: BLOCK_IDS.detailsActions,
      elements: [
        button(ACTION_IDS.openChange, 'Change Pass Phrase', temporary ? { style: 'primary' } : {}),
        button(ACTION_IDS.logout, 'Use another account'),
      ],
    },
  ];
  return modal(meta, { callbackId: CALLBACK_IDS.details, title: TITLES.buy, blocks, submit: 'Review' });
}
