import type { ModalView } from '@slack/types';
import type { WizardContext, WizardState } from '../../machine/index.ts';
import { accountView } from './account.ts';
import { changeFormView } from './change-form.ts';
import { changedView } from './changed.ts';
import { closedView } from './closed.ts';
import { confirmingView } from './confirming.ts';
import { detailsView } from './details.ts';
import { doneView } from './done.ts';
import type { ViewBuilder, ViewMeta } from './types.ts';
import { uncertainView } from './uncertain.ts';
import { changingView, purchasingView, reconcilingView, rememberingView, verifyingView } from './working.ts';

// A mapped type, so a new wizard state without a builder is a compile error.
const BUILDERS: { readonly [S in WizardState]: ViewBuilder } = {
  account: accountView,
  verifying: verifyingView,
  remembering: rememberingView,
  details: detailsView,
  confirming: confirmingView,
  purchasing: purchasingView,
  reconciling: reconcilingView,
  done: doneView,
  uncertain: uncertainView,
  changeForm: changeFormView,
  changing: changingView,
  changed: changedView,
  closed: closedView,
};

/**
 * The modal for a wizard state: the only way the bot renders the wizard. Pure; callback_id is
 * `postage/<state>` and private_metadata the session id alone.
 */
export function viewFor(state: WizardState, context: WizardContext, meta: ViewMeta): ModalView {
  return BUILDERS[state](context, meta);
}
