import type { ModalView } from '@slack/types';
import type { WizardContext } from '../../machine/index.ts';

/** What a view needs besides the wizard's context; the bot computes it for every render. */
export interface ViewMeta {
  /** The opaque session id: the only thing a view's private_metadata carries. */
  sessionId: string;
  /** e.g. 'SIMULATOR — no real postage'; null in production (no banner). */
  environmentLabel: string | null;
  /**
   * The remembered pass phrase, only while the person has ticked "Make pass phrase visible" and a
   * remembered phrase exists for the account. Otherwise null, and no pass phrase is ever sent to Slack.
   */
  revealedPassPhrase: string | null;
  /** The account number remembered for this person (store), or null. The account page trusts this. */
  rememberedAccountId: string | null;
  /** Which Endicia the wizard talks to, as people read it ("Endicia: simulator"); null = not known. */
  endiciaEnvironment?: EndiciaEnvironment | null;
}

/** ENDICIA_ENV. */
export type EndiciaEnvironment = 'production' | 'sandbox' | 'simulator';

/** Renders one wizard state. Pure: same context and meta, same view. */
export type ViewBuilder = (context: WizardContext, meta: ViewMeta) => ModalView;
