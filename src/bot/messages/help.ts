import { BLOCK_IDS } from '../ids.ts';
import { textSection } from '../views/blocks.ts';
import { escapeMrkdwn } from '../views/text.ts';
import { type BotMessage, botMessage } from './message.ts';

/** The `/postage` commands exactly as product.md lists them. */
const COMMANDS: ReadonlyArray<readonly [string, string]> = [
  ['buy [amount]', 'opens the wizard (optional amount pre-fills Postage to Add)'],
  ['balance', 'balance and status of your remembered account (or how to remember one)'],
  ['passphrase', 'opens the Change Pass Phrase window'],
  [
    'alerts <amount>',
    'low-balance alerts in this channel for your remembered account when the balance falls below amount',
  ],
  ['alerts off', 'stop alerts in this channel'],
  ['alerts', "show this channel's alert settings, with Edit: runway warning, escalation, weekly digest"],
  ['forget', 'delete your remembered account number and pass phrase (and say what that stops)'],
  ['history', 'your recent purchases made through the bot'],
  [
    'settings',
    'postage admins: the workspace settings (approval, approvers, limits, buyers, postage admins)',
  ],
  ['history all', "postage admins: the workspace's recent purchases"],
  ['export', "postage admins: a CSV of the workspace's purchases, by DM"],
  ['help', 'this list'],
];

/** An unrecognised first word: the word when it is safe to repeat, and the closest command if any. */
export interface UnknownWord {
  word: string | null;
  suggestion: string | null;
}

function unknownLine({ word, suggestion }: UnknownWord): string {
  const what = word === null ? 'Unknown command' : `Unknown command \`${escapeMrkdwn(word)}\``;
  return suggestion === null ? `${what}.` : `${what} — did you mean \`${suggestion}\`?`;
}

/**
 * The ephemeral answer to `/postage help` or an empty `/postage`; for anything unrecognised, the same
 * list after "Unknown command `balanse` — did you mean `balance`?".
 */
export function helpMessage(environmentLabel: string | null, unknown?: UnknownWord): BotMessage {
  const lines = COMMANDS.map(
    ([command, what]) => `• \`/postage ${escapeMrkdwn(command)}\` — ${escapeMrkdwn(what)}`,
  );
  const intro = unknown === undefined ? '' : `${unknownLine(unknown)}\n`;
  const text = `${intro}*Postage bot*: run your Endicia (USPS postage) account from Slack.\n${lines.join('\n')}`;
  return botMessage(environmentLabel, text, [textSection(BLOCK_IDS.summary, text)]);
}
