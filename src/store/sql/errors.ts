import { StoreError } from '../errors.ts';

/**
 * The driver's own code of a failure (`SQLITE_FULL`, `SQLITE_READONLY`, a PostgreSQL SQLSTATE such as
 * `53100`, a socket's `ECONNREFUSED`), or `unknown`. Only the code travels: pg's errors and messages
 * carry the host, user and database of the connection.
 */
export function driverCode(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(code) ? code : 'unknown';
}

/** A stand-in cause holding nothing but the driver's code, safe to log. */
export class DriverFailure extends Error {
  readonly code: string;

  constructor(code: string) {
    super(`database driver error ${code}`);
    this.name = 'DriverFailure';
    this.code = code;
  }
}

/**
 * Wraps a driver failure into a {@link StoreError} with `code` (already-mapped StoreErrors pass through).
 * A full disk or a read-only file is a failed write like any other: the bot already answers those with
 * "nothing was changed" / "nothing was bought".
 */
export function toStoreError(
  error: unknown,
  code: 'STORE_READ_FAILED' | 'STORE_WRITE_FAILED' | 'STORE_OPEN_FAILED',
  what: string,
): StoreError {
  if (error instanceof StoreError) return error;
  const cause = driverCode(error);
  return new StoreError(code, `${what} failed (${cause})`, { cause: new DriverFailure(cause) });
}
