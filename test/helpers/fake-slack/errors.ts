import { CodedError } from '../../../src/lib/coded-error.ts';

/** A `waitFor` condition did not hold in time. The message names the condition, never recorded payloads. */
export class WaitForTimeoutError extends CodedError {
  constructor(description: string, timeoutMs: number) {
    super('FAKE_SLACK_WAIT_TIMEOUT', `waitFor timed out after ${timeoutMs} ms: ${description}`);
  }
}

/** The app never acknowledged a Socket Mode envelope (Slack would show the user an error). */
export class SocketAckTimeoutError extends CodedError {
  constructor(type: string, timeoutMs: number) {
    super('FAKE_SLACK_SOCKET_ACK_TIMEOUT', `no ack for a ${type} envelope within ${timeoutMs} ms`);
  }
}

/** An envelope was sent while no Socket Mode client was connected. */
export class SocketNotConnectedError extends CodedError {
  constructor() {
    super('FAKE_SLACK_SOCKET_NOT_CONNECTED', 'no Socket Mode client is connected to the fake');
  }
}

/**
 * The test asked the driver for something a person could not do in Slack (fill a field that is not
 * in the view, submit a view without a submit button, click with no modal open).
 */
export class DriverError extends CodedError {
  constructor(message: string) {
    super('FAKE_SLACK_DRIVER', message);
  }
}
