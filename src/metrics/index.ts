export { countPostedAlerts } from './alerts.ts';
export { bearerMatches, metricsRoute, type OpsRoute, readyRoute } from './http.ts';
export { createReadiness, type Readiness, type ReadinessResult } from './readiness.ts';
export {
  type AckKind,
  createMetrics,
  type Metrics,
  type PurchaseCount,
  type StorePart,
} from './registry.ts';
export { observeSlackFetch } from './slack-fetch.ts';
export { instrumentStore } from './store.ts';
