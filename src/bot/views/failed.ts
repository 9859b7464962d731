import type { ModalView } from '@slack/types';
import { BLOCK_IDS, EXTRA_CALLBACK_IDS } from '../ids.ts';
import { plainSection } from './blocks.ts';
import { modal, TITLES } from './modal.ts';
import type { ViewMeta } from './types.ts';

/**
 * A generic failure: one plain sentence and Close, for when the wizard itself cannot go on (a bug, an
 * expired session). `message` must be a sentence written for people (never an error's own text).
 */
export function failedView(meta: ViewMeta, message: string): ModalView {
  return modal(meta, {
    callbackId: EXTRA_CALLBACK_IDS.failed,
    title: TITLES.buy,
    blocks: [plainSection(BLOCK_IDS.failure, `⚠️ ${message}`)],
    close: 'Close',
  });
}
