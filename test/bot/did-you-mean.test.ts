import { describe, expect, it } from 'vitest';
import { unknownCommand } from '../../src/bot/commands/did-you-mean.ts';
import { parseCommand } from '../../src/bot/commands/parse-command.ts';
import { helpMessage } from '../../src/bot/messages/index.ts';

describe('unknown subcommands', () => {
  it.each([
    ['balanse', 'balance'],
    ['BALANSE', 'balance'],
    ['by', 'buy'],
    ['histroy', 'history'],
    ['alrets', 'alerts'],
    ['frget', 'forget'],
    ['passprase', 'passphrase'],
  ])('%j: did you mean %j', (word, suggestion) => {
    expect(unknownCommand(word)).toEqual({ word, suggestion });
  });

  it.each(['frobnicate', 'x', 'zzzzzz'])('%j: no suggestion, but named', (word) => {
    expect(unknownCommand(word)).toEqual({ word, suggestion: null });
  });

  it.each(['my secret <pass> phrase', 'a'.repeat(40), 'x"y', '`code`'])(
    '%j is never echoed (a slash command may carry anything pasted)',
    (word) => {
      expect(unknownCommand(word)).toEqual({ word: null, suggestion: null });
    },
  );

  it('parses an unknown first word as unknown, and help/empty as help', () => {
    expect(parseCommand('balanse')).toEqual({ kind: 'unknown', word: 'balanse' });
    expect(parseCommand('  ')).toEqual({ kind: 'help' });
    expect(parseCommand('HELP me')).toEqual({ kind: 'help' });
  });

  it('says it before the help', () => {
    const text = helpMessage(null, unknownCommand('balanse')).text;
    expect(text.startsWith('Unknown command `balanse` — did you mean `balance`?\n')).toBe(true);
    expect(text).toContain('/postage buy [amount]');
    expect(helpMessage(null, unknownCommand('zzzzzz')).text.split('\n')[0]).toBe('Unknown command `zzzzzz`.');
    expect(helpMessage(null, unknownCommand('a b')).text.split('\n')[0]).toBe('Unknown command.');
  });
});
