export {
  type ChannelQueue,
  type ChannelQueueOptions,
  createChannelQueue,
  retryAfterSeconds,
} from './channel-queue.ts';
export {
  createDigestScheduler,
  type DigestPoster,
  type DigestReport,
  type DigestScheduler,
  type DigestSchedulerDeps,
  digestMark,
} from './digest-scheduler.ts';
export {
  type AlertHandling,
  type AlertRef,
  type HandleOutcome,
  type HandlingShown,
  handlingOf,
  isSnoozed,
  NOBODY,
  recordHandling,
  SNOOZE_DAY_MS,
  SNOOZE_HOUR_MS,
} from './handling.ts';
export { createAlertMonitor } from './monitor.ts';
export {
  ALERT_OPTION_KEYS,
  type AlertOptionKey,
  type AlertOptions,
  optionsOf,
  RELOAD_OFF,
} from './options.ts';
export { DEFAULT_RELOADS_PER_DAY, reloadIsOn } from './reload-rule.ts';
export type {
  AlertMonitor,
  AlertNotifier,
  MonitorDeps,
  MonitorTimers,
  ReloadPort,
  RunwayOf,
  SweepReport,
} from './types.ts';
export { type UpdateOutcome, updateSubscription } from './update-subscription.ts';
