export type { FakeIdentity } from './api-context.ts';
export {
  BLOCK_LIMITS,
  ELEMENT_LIMITS,
  MESSAGE_LIMITS,
  VIEW_LIMITS,
  validateMessage,
  validateView,
} from './block-kit-limits.ts';
export { createSlackDriver, type SlackDriver, type SlackDriverOptions } from './client.ts';
export {
  DriverError,
  SocketAckTimeoutError,
  SocketNotConnectedError,
  WaitForTimeoutError,
} from './errors.ts';
export type { FakeSlack, FakeSlackOptions } from './fake-slack.ts';
export type { RateLimitOptions } from './faults.ts';
export type { ChannelRefusal, EphemeralMessage, PostedMessage } from './message-store.ts';
export * from './payloads.ts';
export { quietSlackLogger } from './quiet-logger.ts';
export type { RecordedCall, Violation } from './recorder.ts';
export { startFakeSlack } from './server.ts';
export { type SignedHeaders, signRequest, slackSignature } from './signing.ts';
export type { CommandResult, SlackUser, SlackUserIdentity, SubmitResult } from './slack-user.ts';
export type { EnvelopeOptions, EnvelopeType, FakeSocketMode, SocketAck } from './socket-mode.ts';
export type { FieldErrors } from './submission-response.ts';
export type { Ack, RawResult, TransportKind } from './transport.ts';
export { TRIGGER_TTL_MS } from './triggers.ts';
export { type UserKey, userKey } from './user-key.ts';
export { findElement, fullState, type StateValues, stateValueFor } from './view-state.ts';
export { MAX_VIEW_STACK, type ViewRecord, type ViewStore } from './view-store.ts';
export type { NotYet, WaitForOptions } from './wait-for.ts';
export { FAKE_CLIENT_ID, type InstallGrant, type Workspaces } from './workspaces.ts';
