import type { ModalView } from '@slack/types';
import type { WizardContext } from '../../machine/index.ts';
import { BLOCK_IDS, CALLBACK_IDS } from '../ids.ts';
import { plainSection } from './blocks.ts';
import { modal, TITLES } from './modal.ts';
import type { ViewMeta } from './types.ts';

/** closed: the wizard is over (normally the modal is gone by then); harmless if it is ever shown. */
export function closedView(_context: WizardContext, meta: ViewMeta): ModalView {
  return modal(meta, {
    callbackId: CALLBACK_IDS.closed,
    title: TITLES.buy,
    blocks: [plainSection(BLOCK_IDS.summary, 'Closed. Use /postage buy to start again.')],
    close: 'Close',
  });
}
