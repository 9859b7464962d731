export {
  type AlertSettings,
  alertSettingsMessage,
  alertsOffMessage,
  alertsSetMessage,
  thresholdErrorMessage,
} from './alert-settings.ts';
export {
  alertsPausedNotice,
  alertsTurnedOffNotice,
  type PauseReason,
} from './alerts-paused.ts';
export {
  type BalanceShown,
  balanceMessage,
  blockedMessage,
  failureMessage,
  notRememberedMessage,
} from './balance.ts';
export { credentialsRefusedNotice, typingHeldNotice } from './credentials-refused.ts';
export { type ForgetOutcome, forgetMessage } from './forget.ts';
export { helpMessage } from './help.ts';
export { HISTORY_SHOWN, historyMessage } from './history.ts';
export {
  type AlertHistory,
  balanceRecovered,
  escalationReply,
  lowBalanceAlert,
  recoveredReply,
  reloadOffNotice,
  reloadReply,
  type ThresholdReading,
} from './low-balance.ts';
export { type BotMessage, MESSAGE_BLOCKS_MAX } from './message.ts';
export { type ReceiptPurchase, type ReceiptWho, receiptMessage, uncertainMessage } from './receipt.ts';
export {
  type RunwayWarningReading,
  runwayRecoveredMessage,
  runwayWarningMessage,
} from './runway-warning.ts';
