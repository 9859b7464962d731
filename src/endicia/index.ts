export { withCallLog } from './call-log.ts';
export { createEndiciaClient } from './client.ts';
export {
  EndiciaApiError,
  EndiciaArgumentError,
  EndiciaError,
  EndiciaUnavailableError,
  isCredentialRefusal,
  type UnavailableReason,
} from './errors.ts';
export { comparePurchase } from './reconcile.ts';
export type { CredentialField, EndiciaErrorCategory } from './status-codes.ts';
export type {
  AccountStatus,
  EndiciaCallOutcome,
  EndiciaCallRecord,
  EndiciaClient,
  EndiciaClientOptions,
  EndiciaCredentials,
  EndiciaEnvironment,
  EndiciaOperation,
  PurchaseResult,
  ReconcileOutcome,
  StatusCallOptions,
} from './types.ts';
export { DEFAULT_SIMULATOR_URL, ENDICIA_URLS, resolveEndiciaUrl } from './urls.ts';
