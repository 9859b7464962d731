import type { KnownBlock, ModalView } from '@slack/types';
import { environmentBlocks } from './blocks.ts';
import { plain } from './text.ts';
import type { ViewMeta } from './types.ts';

/** Modal titles (Slack allows 24 characters). */
export const TITLES = {
  buy: 'Buy Postage',
  change: 'Change Pass Phrase',
} as const;

/** What differs between modals; `submit` is left out for views without a submit button. */
export interface ModalParts {
  callbackId: string;
  title: string;
  blocks: KnownBlock[];
  submit?: string;
  close?: string;
}

/**
 * Wraps blocks into a modal: callback_id, private_metadata = the session id only (state and secrets stay
 * server side), notify_on_close so the bot can drop the session, and the environment banner first.
 */
export function modal(meta: ViewMeta, parts: ModalParts): ModalView {
  const view: ModalView = {
    type: 'modal',
    callback_id: parts.callbackId,
    private_metadata: meta.sessionId,
    notify_on_close: true,
    title: plain(parts.title, 24),
    close: plain(parts.close ?? 'Cancel', 24),
    blocks: [...environmentBlocks(meta.environmentLabel), ...parts.blocks],
  };
  if (parts.submit !== undefined) view.submit = plain(parts.submit, 24);
  return view;
}
