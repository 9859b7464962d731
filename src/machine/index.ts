export {
  type AmountResult,
  checkAmountCents,
  ENDICIA_MAX_PURCHASE_CENTS,
  MIN_PURCHASE_CENTS,
  parseAmount,
} from './amount.ts';
export type {
  ApprovedPurchaseInput,
  ApprovedPurchaseOutcome,
  BuyApproved,
} from './approved-purchase.ts';
export type {
  BalanceCheck,
  BalanceReading,
  BuyPostageInput,
  BuyPostageOutput,
  ChangePassPhraseInput,
  ReconcilePurchaseInput,
  ReconcilePurchaseOutput,
  SaveRememberPreferenceInput,
  VerifyAccountInput,
  VerifyAccountOutput,
  WizardActors,
} from './contracts.ts';
export {
  DIGEST_LATE_MS,
  type DigestOccurrence,
  type DigestSetting,
  dueDigest,
  knownTimeZone,
  lastDigestOccurrence,
  nextDigestOccurrence,
} from './digest-schedule.ts';
export {
  ActorNotProvidedError,
  BusySnapshotError,
  type Failure,
  type FailureKind,
  FlowError,
  isLostPurchaseAnswer,
  isOverAccountLimit,
  isTemporaryPassPhrase,
  lostPurchaseAnswer,
  PASS_PHRASE_TEMPORARY,
  PURCHASE_ANSWER_LOST,
  SettleTimeoutError,
  toFailure,
  WizardFailedError,
} from './errors.ts';
export { atField, FAILURE_CODES, type FailureCode, type FailureParams, failure } from './failures.ts';
export type { FieldName } from './field-name.ts';
export { type AlertAction, type AlertState, type AlertTransition, nextAlertState } from './low-balance.ts';
export { notices } from './messages.ts';
export {
  type BusyWizard,
  type PersistedWizard,
  readBusyMarker,
  restoreActor,
  toBusyMarker,
  toPersisted,
} from './persistence.ts';
export type { BuyReload, ReloadInput, ReloadOutcome } from './reload.ts';
export {
  createWizardRunner,
  type SnapshotPort,
  type TurnLockPort,
  type TurnResult,
  type WizardRunner,
  type WizardRunnerOptions,
} from './runner.ts';
export {
  DAY_MS,
  forecastRunway,
  type Recredit,
  RUNWAY_WINDOW_MS,
  type Runway,
  type RunwayReading,
  SUGGESTION_DAYS,
  suggestedPurchase,
  type WeekSpend,
  weekSpend,
} from './runway.ts';
export { failureOf, fieldErrorOf, isBusy, isClosed, stateOf } from './selectors.ts';
export {
  judgeSpend,
  MONTH_MS,
  NOT_A_BUYER,
  type SpendingGate,
  type SpendingRules,
  type SpendVerdict,
  type Spent,
  spendRefusal,
} from './spending.ts';
export { type TurnLeaseOptions, type TurnLeasePort, turnLeases } from './turn-lease.ts';
export { withTurnLog } from './turn-log.ts';
export {
  type AccountView,
  BUSY_STATES,
  type Credentials,
  type PurchaseView,
  WIZARD_STATES,
  type WizardContext,
  type WizardEntry,
  type WizardEvent,
  type WizardInput,
  type WizardState,
} from './types.ts';
export {
  accountIdSchema,
  amountFormSchema,
  changeEventSchema,
  changeFormSchema,
  type FieldErrors,
  fieldErrors,
  loginFormSchema,
  newPassPhraseSchema,
  parseForm,
  passPhraseSchema,
} from './validation.ts';
export { type DigestPurchase, summarizeWeek, type WeeklyDigest } from './weekly-digest.ts';
export { type WizardMachine, type WizardSnapshot, wizardMachine } from './wizard.machine.ts';
