import type { KnownBlock, ModalView } from '@slack/types';
import { centsToMils, formatUsd } from '../../lib/money.ts';
import type { WizardContext } from '../../machine/index.ts';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from '../ids.ts';
import { contextLine, failureBlocks, fieldsSection, textSection } from './blocks.ts';
import { button } from './inputs.ts';
import { modal, TITLES } from './modal.ts';
import { escapeMrkdwn } from './text.ts';
import type { ViewMeta } from './types.ts';

/**
 * The confirmation step before money is spent: amount, account, balance now and after. Submit = Buy
 * Postage sends CONFIRM; Back returns to the details page with the amount kept.
 */
export function confirmingView(context: WizardContext, meta: ViewMeta): ModalView {
  const purchase = context.purchase;
  const cents = purchase?.amountCents ?? context.amountCents ?? 0;
  const before = purchase?.before ?? context.status;
  const account = before?.accountId ?? context.accountId ?? '—';
  const amount = formatUsd(centsToMils(cents));
  const blocks: KnownBlock[] = [
    ...failureBlocks(context.failure),
    textSection(BLOCK_IDS.intro, `*Buy ${amount} of postage for account ${escapeMrkdwn(account)}?*`),
    fieldsSection(BLOCK_IDS.summary, [
      ['Postage balance', before === null ? 'Unknown' : formatUsd(before.balanceMils)],
      [
        'After this purchase',
        before === null ? 'Unknown' : formatUsd(before.balanceMils + centsToMils(cents)),
      ],
    ]),
    contextLine(
      BLOCK_IDS.notice,
      'The amount is charged to the payment method on your Endicia account. Click Buy Postage once.',
    ),
    { type: 'actions', block_id: BLOCK_IDS.confirmActions, elements: [button(ACTION_IDS.back, 'Back')] },
  ];
  return modal(meta, {
    callbackId: CALLBACK_IDS.confirming,
    title: TITLES.buy,
    blocks,
    submit: 'Buy Postage',
  });
}
