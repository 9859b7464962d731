import { changeFormSchema, parseForm, type WizardEvent } from '../../machine/index.ts';
import { ACTION_IDS, BLOCK_IDS } from '../ids.ts';
import { type BlockErrors, toBlockErrors } from './block-errors.ts';
import { type StateValues, textValue } from './state-values.ts';

/** The fields of a CHANGE event (the bot adds `type: 'CHANGE'`). */
export type ChangeFields = Omit<Extract<WizardEvent, { type: 'CHANGE' }>, 'type'>;

/** Valid CHANGE fields, or messages keyed by the change form's input blocks. */
export type ChangeFormResult = { ok: true; fields: ChangeFields } | { ok: false; errors: BlockErrors };

/**
 * Reads the Change Pass Phrase form with the machine's changeFormSchema: digits for the account, a
 * current pass phrase, a new one of 5–64 characters that differs from the current one, typed twice
 * alike. Messages never quote a pass phrase.
 */
export function parseChangeForm(values: StateValues): ChangeFormResult {
  const raw = {
    accountId: textValue(values, BLOCK_IDS.accountId, ACTION_IDS.accountId),
    currentPassPhrase: textValue(values, BLOCK_IDS.currentPassPhrase, ACTION_IDS.currentPassPhrase),
    newPassPhrase: textValue(values, BLOCK_IDS.newPassPhrase, ACTION_IDS.newPassPhrase),
    confirmPassPhrase: textValue(values, BLOCK_IDS.confirmPassPhrase, ACTION_IDS.confirmPassPhrase),
  };
  const parsed = parseForm(changeFormSchema, raw);
  if (parsed.ok) return { ok: true, fields: parsed.value };
  return {
    ok: false,
    errors: toBlockErrors(parsed.errors) ?? { [BLOCK_IDS.newPassPhrase]: 'Check the pass phrases.' },
  };
}
