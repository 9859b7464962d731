import { type Keyring, open, seal } from './crypto.ts';

/** Text sealed for one purpose: what {@link sealedText} returns. */
export interface SealedText {
  seal(text: string): string;
  /** The text, or undefined when no key opens it or it was sealed for another purpose. */
  open(text: string): string | undefined;
}

/**
 * AES-256-GCM for a file kept beside the store (the built-in simulator's state holds pass phrases), with
 * the store's keyring: the same keys, the same rotation, the purpose bound as associated data so a record
 * cannot be passed off as the file or the other way round.
 */
export function sealedText(keyring: Keyring, purpose: string): SealedText {
  const aad = `file:${purpose}`;
  return {
    seal: (text) => seal(keyring, text, aad),
    open: (text) => {
      const opened = open(keyring, text, aad);
      return opened.ok ? opened.plaintext : undefined;
    },
  };
}
