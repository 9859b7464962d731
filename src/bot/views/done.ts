import type { KnownBlock, ModalView } from '@slack/types';
import { centsToMils, formatUsd } from '../../lib/money.ts';
import type { WizardContext } from '../../machine/index.ts';
import { BLOCK_IDS, CALLBACK_IDS } from '../ids.ts';
import { fieldsSection, noticeBlocks, textSection } from './blocks.ts';
import { modal, TITLES } from './modal.ts';
import { clip } from './text.ts';
import type { ViewMeta } from './types.ts';

/**
 * Step 4, Bought: amount, new balance, transaction id and Endicia's message; submit = Finish (a receipt
 * is posted then). A purchase confirmed by re-reading the balance has no transaction id; it says so.
 */
export function doneView(context: WizardContext, meta: ViewMeta): ModalView {
  const purchase = context.purchase;
  const cents = purchase?.amountCents ?? context.amountCents;
  const balance = purchase?.balanceAfterMils ?? context.status?.balanceMils ?? null;
  const confirmedByBalance = purchase?.confirmedBy === 'balance';
  const transaction =
    purchase?.transactionId ?? (confirmedByBalance ? 'Not reported (confirmed by the balance)' : '—');
  const message =
    purchase?.message ??
    context.responseMessage ??
    (confirmedByBalance ? 'Confirmed by the new balance.' : '—');
  const blocks: KnownBlock[] = [
    textSection(BLOCK_IDS.intro, ':white_check_mark: *Postage bought.*'),
    fieldsSection(BLOCK_IDS.summary, [
      ['Amount', cents === null ? '—' : formatUsd(centsToMils(cents))],
      ['Postage balance', balance === null ? 'Unknown' : formatUsd(balance)],
      ['Transaction ID', transaction],
      ['Response Message', clip(message, 1500)],
    ]),
    ...noticeBlocks(context.notice),
  ];
  return modal(meta, {
    callbackId: CALLBACK_IDS.done,
    title: TITLES.buy,
    blocks,
    submit: 'Finish',
    close: 'Close',
  });
}
