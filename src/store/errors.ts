import { CodedError } from '../lib/coded-error.ts';

/** Every stable code a {@link StoreError} carries; callers and tests key on these, never on messages. */
export const STORE_ERROR_CODES = [
  /** `POSTAGE_STORE_URL` is not a supported store URL. */
  'STORE_BAD_URL',
  /** `POSTAGE_ENCRYPTION_KEY` (or the generated key file) is not base64 of exactly 32 bytes. */
  'STORE_BAD_KEY',
  /** The backing database could not be opened (or its directory created), or is not a valid store. */
  'STORE_OPEN_FAILED',
  /** The store holds records that none of the configured keys opens (wrong key, rolled-back rotation). */
  'STORE_WRONG_KEY',
  'STORE_READ_FAILED',
  'STORE_WRITE_FAILED',
  /** A value cannot be stored as JSON (undefined, a function, a cycle, a bigint). */
  'STORE_BAD_VALUE',
  /** A record exists but cannot be opened, and overwriting it could repeat a purchase. */
  'STORE_UNREADABLE',
  /** An update named a record that does not exist. */
  'STORE_NOT_FOUND',
  /** The store was used after `close()`. */
  'STORE_CLOSED',
] as const;

export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

/**
 * A storage failure. Messages and causes never hold record contents: values are ciphertext by the
 * time they reach the backend, and key material is only ever named by its variable or file.
 *
 * NOTE: an unreadable record (tampered, unknown key) is *not* a StoreError; it reads as absent.
 */
export class StoreError extends CodedError {
  declare readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** The start-up refusal of a store holding records none of the configured keys opens. */
export function wrongKeyError(unknownKeyIds: number): StoreError {
  return new StoreError(
    'STORE_WRONG_KEY',
    `the store holds records that none of the configured encryption keys opens (${unknownKeyIds} unknown key id${unknownKeyIds === 1 ? '' : 's'}): set POSTAGE_ENCRYPTION_KEY to the key they were sealed with (a rotation lists the new key first, then the old one); nothing was changed`,
  );
}
