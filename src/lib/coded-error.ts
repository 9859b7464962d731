/**
 * The one error shape every layer raises: a stable machine-readable `code` (tests and the bot's
 * message table key on it, never on `message`) and an optional `cause`.
 *
 * NOTE: a `cause` must never carry a secret. got's errors hold the request body (the pass phrase),
 * so adapters map them to their own classes and keep only what is safe.
 */
export class CodedError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
