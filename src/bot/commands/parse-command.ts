/** What `/postage <text>` asks for. Anything unrecognised is help, saying so first. */
export type PostageCommand =
  | { kind: 'buy'; amountDraft: string | null }
  | { kind: 'balance' }
  | { kind: 'passphrase' }
  | { kind: 'alerts-set'; amountText: string }
  | { kind: 'alerts-off' }
  | { kind: 'alerts-show' }
  | { kind: 'forget' }
  | { kind: 'history' }
  | { kind: 'history-all' }
  | { kind: 'settings' }
  | { kind: 'export' }
  | { kind: 'help' }
  /** A first word that is no subcommand: help, preceded by "Unknown command …". */
  | { kind: 'unknown'; word: string };

/** Parses the slash command text: the first word picks the subcommand, case-insensitively. */
export function parseCommand(text: string): PostageCommand {
  const [word = '', ...rest] = text.trim().split(/\s+/);
  const arg = rest.join(' ').trim();
  switch (word.toLowerCase()) {
    case 'buy':
      // The amount is only a prefill; the form validates it where the user can correct it.
      return { kind: 'buy', amountDraft: arg === '' ? null : arg.slice(0, 32) };
    case 'balance':
      return { kind: 'balance' };
    case 'passphrase':
    case 'pass-phrase':
      return { kind: 'passphrase' };
    case 'alerts':
    case 'alert':
      if (arg === '') return { kind: 'alerts-show' };
      if (arg.toLowerCase() === 'off') return { kind: 'alerts-off' };
      return { kind: 'alerts-set', amountText: arg };
    case 'forget':
      return { kind: 'forget' };
    case 'history':
      return arg.toLowerCase() === 'all' ? { kind: 'history-all' } : { kind: 'history' };
    case 'settings':
      return { kind: 'settings' };
    case 'export':
      return { kind: 'export' };
    case '':
    case 'help':
      return { kind: 'help' };
    default:
      return { kind: 'unknown', word };
  }
}
