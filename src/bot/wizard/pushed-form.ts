import { stateOf, type WizardSnapshot } from '../../machine/index.ts';

/** True when `view` was pushed over another page: the change form opened from inside the wizard. */
export function isPushed(view: { id: string; root_view_id: string | null }): boolean {
  return view.root_view_id !== null && view.root_view_id !== view.id;
}

/**
 * The change form pushed over the account or details page is done with: the wizard is back on the page
 * below it, which shows the result; the pushed view only has to go. (Before, only 'account' counted, so
 * a change made from the details page left a second details page stacked over the first, whose Close
 * then cancelled the whole session.)
 */
export function backUnderForm(pushed: boolean, snapshot: WizardSnapshot): boolean {
  const state = stateOf(snapshot);
  return pushed && (state === 'account' || state === 'details');
}
