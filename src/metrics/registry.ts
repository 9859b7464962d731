import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { EndiciaCallRecord } from '../endicia/index.ts';
import type { PurchaseOutcome } from '../lib/purchase-outcome.ts';
import { slackErrorLabel, slackMethodLabel } from './slack-labels.ts';

/** What Slack asked us to acknowledge (`other`: view_closed, shortcuts, options). */
export type AckKind = 'command' | 'submission' | 'action' | 'event' | 'other';
/**
 * What the purchase counter counts: each outcome the journal records (lib/purchase-outcome.ts), and
 * `replayed` = the same confirmation again, answered from the journal, never bought twice.
 */
export type PurchaseCount = PurchaseOutcome | 'replayed';
/** The store's parts (the keys of `Store`). */
export type StorePart =
  | 'credentials'
  | 'sessions'
  | 'alerts'
  | 'purchases'
  | 'accountGuards'
  | 'leases'
  | 'once'
  | 'balanceReadings'
  /** Whole-store operations (`ping`). */
  | 'store';

/**
 * The app's metrics, on a registry of its own (several apps in one process never collide).
 *
 * NOTE: every label value comes from a fixed set (TypeScript unions, or the allow-lists in
 * slack-labels.ts): never an account number, a user, channel or team id, a token or a pass phrase, and no
 * unbounded series.
 */
export interface Metrics {
  readonly registry: Registry;
  ack(kind: AckKind, seconds: number): void;
  endiciaCall(call: EndiciaCallRecord): void;
  purchase(outcome: PurchaseCount): void;
  alertPosted(): void;
  sweep(report: { ms: number; statusCalls: number }): void;
  storeError(part: StorePart, operation: string): void;
  /** `method` and `error` as Slack spelled them; anything outside the allow-lists becomes `other`. */
  slackApiError(method: string, error: string): void;
}

// Slack's budget is 3 s: the buckets are dense below it.
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];
const ENDICIA_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const SWEEP_BUCKETS = [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 900];

export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });

  const acks = new Histogram({
    name: 'postage_ack_seconds',
    help: 'Time from receiving a Slack request to acknowledging it, by kind.',
    labelNames: ['kind'] as const,
    buckets: ACK_BUCKETS,
    registers,
  });
  const endicia = new Histogram({
    name: 'postage_endicia_call_seconds',
    help: 'Endicia Label Server call latency, by operation and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: ENDICIA_BUCKETS,
    registers,
  });
  const purchases = new Counter({
    name: 'postage_purchases_total',
    help: 'Purchases by outcome (replayed: a repeated confirmation answered from the journal).',
    labelNames: ['outcome'] as const,
    registers,
  });
  const alerts = new Counter({
    name: 'postage_alerts_posted_total',
    help: 'Low-balance alerts posted to Slack.',
    registers,
  });
  const sweeps = new Histogram({
    name: 'postage_alert_sweep_seconds',
    help: 'Duration of one low-balance sweep over every alert subscription.',
    buckets: SWEEP_BUCKETS,
    registers,
  });
  const checked = new Counter({
    name: 'postage_alert_accounts_checked_total',
    help: 'Accounts whose balance a low-balance sweep read from Endicia.',
    registers,
  });
  const storeErrors = new Counter({
    name: 'postage_store_errors_total',
    help: 'Store operations that failed, by store part and operation.',
    labelNames: ['store', 'operation'] as const,
    registers,
  });
  const slackErrors = new Counter({
    name: 'postage_slack_api_errors_total',
    help: 'Slack Web API calls that failed, by method and error code.',
    labelNames: ['method', 'error'] as const,
    registers,
  });

  return {
    registry,
    ack: (kind, seconds) => acks.observe({ kind }, seconds),
    endiciaCall: ({ operation, outcome, seconds }) => endicia.observe({ operation, outcome }, seconds),
    purchase: (outcome) => purchases.inc({ outcome }),
    alertPosted: () => alerts.inc(),
    sweep(report) {
      sweeps.observe(report.ms / 1000);
      checked.inc(report.statusCalls);
    },
    storeError: (store, operation) => storeErrors.inc({ store, operation }),
    slackApiError: (method, error) =>
      slackErrors.inc({ method: slackMethodLabel(method), error: slackErrorLabel(error) }),
  };
}
