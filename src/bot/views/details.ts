import type { KnownBlock, ModalView } from '@slack/types';
import { centsToMils, formatUsd, toDecimalString } from '../../lib/money.ts';
import {
  ENDICIA_MAX_PURCHASE_CENTS,
  isTemporaryPassPhrase,
  MIN_PURCHASE_CENTS,
  type WizardContext,
} from '../../machine/index.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from '../ids.ts';
import { contextLine, failureBlocks, fieldsSection, noticeBlocks } from './blocks.ts';
import { button, textInput } from './inputs.ts';
import { modal, TITLES } from './modal.ts';
import { accountStatusLabel, clip } from './text.ts';
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
  if (failure !== null && (responseMessage === null || responseMessage === failure.message)) {
    return { message: `⚠️ ${failure.message}`, separateFailure: false };
  }
  return { message: responseMessage, separateFailure: failure !== null };
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
      ['Server', serverName(meta)],
      ...(response.message === null ? [] : [['Response Message', clip(response.message, 1500)] as const]),
    ]),
    contextLine(BLOCK_IDS.server, `USPS Server URL: ${clip(context.serverUrl, 1500)}`),
    textInput({
      blockId: BLOCK_IDS.amount,
      actionId: ACTION_IDS.amount,
      label: 'Postage to Add',
      placeholder: 'Dollars, for example 25 or 25.50',
      hint: `At least ${formatUsd(centsToMils(MIN_PURCHASE_CENTS))} and at most ${maxPurchaseLabel(context.maxPurchaseCents)}. You confirm before anything is bought.`,
      initialValue: amountInitial(context),
      maxLength: AMOUNT_MAX_LENGTH,
    }),
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
