export {
  type ChannelQueue,
  type ChannelQueueOptions,
  createChannelQueue,
  retryAfterSeconds,
} from './channel-queue.ts';
export { createAlertMonitor } from './monitor.ts';
export type {
  AlertMonitor,
  AlertNotifier,
  MonitorDeps,
  MonitorTimers,
  SweepReport,
} from './types.ts';
