export { type AmountFormResult, parseAmountForm } from './amount-form.ts';
export {
  type BlockErrors,
  blockIdOf,
  type ErrorTargets,
  failureBlockErrors,
  toBlockErrors,
} from './block-errors.ts';
export { type ChangeFields, type ChangeFormResult, parseChangeForm } from './change-form.ts';
export { type LoginEvent, type LoginFormResult, parseLoginForm } from './login-form.ts';
export { hasBlock, isTicked, type StateValues, textValue } from './state-values.ts';
