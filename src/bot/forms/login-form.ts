import { loginFormSchema, parseForm, type WizardEvent } from '../../machine/index.ts';
import { ACTION_IDS, BLOCK_IDS, OPTION_VALUES } from '../ids.ts';
import { type BlockErrors, toBlockErrors } from './block-errors.ts';
import { hasBlock, isTicked, type StateValues, textValue } from './state-values.ts';

/** The LOGIN event. */
export type LoginEvent = Extract<WizardEvent, { type: 'LOGIN' }>;

/** A valid LOGIN event, or messages keyed by the input blocks of the account page. */
export type LoginFormResult = { ok: true; event: LoginEvent } | { ok: false; errors: BlockErrors };

/**
 * Reads the Endicia Account page. A blank pass phrase means "use the remembered one" and is accepted only
 * when `rememberedAccountId` is the account number typed; otherwise it is an error at the field. Reads
 * whichever pass phrase block was on screen (typed or revealed). Messages never quote what was typed.
 */
export function parseLoginForm(
  values: StateValues,
  options: { rememberedAccountId: string | null },
): LoginFormResult {
  const shown = hasBlock(values, BLOCK_IDS.passPhraseShown);
  const passBlock = shown ? BLOCK_IDS.passPhraseShown : BLOCK_IDS.passPhrase;
  const raw = {
    accountId: textValue(values, BLOCK_IDS.accountId, ACTION_IDS.accountId),
    passPhrase: textValue(values, passBlock, ACTION_IDS.passPhrase),
    remember: isTicked(values, BLOCK_IDS.remember, ACTION_IDS.remember, OPTION_VALUES.remember),
    reveal: isTicked(values, BLOCK_IDS.reveal, ACTION_IDS.reveal, OPTION_VALUES.reveal),
  };
  const parsed = parseForm(loginFormSchema, raw);
  const errors: BlockErrors = parsed.ok
    ? {}
    : (toBlockErrors(parsed.errors, { passPhraseShown: shown }) ?? {});

  const blank = (raw.passPhrase ?? '') === '';
  const typedAccount = (raw.accountId ?? '').trim();
  if (blank && typedAccount !== options.rememberedAccountId && errors[passBlock] === undefined) {
    errors[passBlock] = 'Enter the pass phrase.';
  }
  if (!parsed.ok && Object.keys(errors).length === 0)
    errors[BLOCK_IDS.accountId] = 'Check the account number.';
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, event: { type: 'LOGIN', ...parsed.value } };
}
