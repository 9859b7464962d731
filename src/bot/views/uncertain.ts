import type { ModalView } from '@slack/types';
import { centsToMils, formatUsd } from '../../lib/money.ts';
import type { WizardContext } from '../../machine/index.ts';
import { BLOCK_IDS, CALLBACK_IDS } from '../ids.ts';
import { contextLine, textSection } from './blocks.ts';
import { modal, TITLES } from './modal.ts';
import type { ViewMeta } from './types.ts';

/**
 * The honest sentence about a purchase whose answer was lost and that the balance could not prove, with
 * what to check and where (not only "check").
 */
export function uncertainSentence(amountCents: number | null, balanceMils: number | null): string {
  const amount = amountCents === null ? null : formatUsd(centsToMils(amountCents));
  const what = amount === null ? 'The purchase' : `The purchase of ${amount}`;
  const balance =
    balanceMils === null ? 'the balance could not be read' : `the balance is now ${formatUsd(balanceMils)}`;
  const rose = amount === null ? 'whether the balance rose' : `whether the balance rose by ${amount}`;
  return `${what} could not be confirmed — ${balance}; check before buying again: ${rose} (\`/postage balance\`), or the account's transaction history on Endicia's website.`;
}

/**
 * uncertain: Endicia's answer was lost and re-reading the balance did not prove the purchase. The
 * balance shown is the one read after the attempt (`purchase.balanceAfterMils`); null means the re-read
 * failed too.
 */
export function uncertainView(context: WizardContext, meta: ViewMeta): ModalView {
  const purchase = context.purchase;
  const sentence = uncertainSentence(
    purchase?.amountCents ?? context.amountCents,
    purchase?.balanceAfterMils ?? null,
  );
  return modal(meta, {
    callbackId: CALLBACK_IDS.uncertain,
    title: TITLES.buy,
    blocks: [
      textSection(BLOCK_IDS.summary, `:warning: *${sentence}*`),
      contextLine(
        BLOCK_IDS.notice,
        'Look at the balance (/postage balance) before buying again: this purchase may still have gone through.',
      ),
    ],
    submit: 'Finish',
    close: 'Close',
  });
}
