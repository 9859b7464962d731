export {
  AttemptNotRecordedError,
  CountedRefusalError,
  nothingSent,
  RememberedLoginUnusableError,
  TypedAttemptsHeldError,
} from './errors.ts';
export {
  type AccountOwner,
  createRememberedLogins,
  type LockoutNotifier,
  type RememberedLogins,
  type RememberedLoginsDeps,
  type RememberedUse,
  type SharedGate,
} from './remembered-logins.ts';
export { HOLD_AFTER, HOLD_MS, LAST_TRY_AFTER, SUSPEND_AFTER } from './rules.ts';
