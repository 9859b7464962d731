import { describe, expect, it } from 'vitest';
import {
  balanceMessage,
  forgetMessage,
  HISTORY_SHOWN,
  helpMessage,
  historyMessage,
  notRememberedMessage,
  receiptMessage,
  uncertainMessage,
} from '../../src/bot/messages/index.ts';
import { validateMessage } from '../helpers/fake-slack/block-kit-limits.ts';
import { ACCOUNT, LABEL, leaks, PHRASE, purchase } from './fixtures.ts';

import { applied, everyMessage, record, who } from './message-cases.ts';

const json = (value: unknown) => JSON.stringify(value);

describe('every message', () => {
  it.each(everyMessage(LABEL))('%s: within Slack limits, text fallback, labelled', (_name, message) => {
    expect(validateMessage(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(message.text.trim()).not.toBe('');
    expect(message.text).toContain(LABEL);
    expect(message.blocks[0]?.type).toBe('header');
    expect(json(message.blocks[0])).toContain(LABEL);
  });

  it.each(everyMessage(null))('%s: no banner in production', (_name, message) => {
    expect(validateMessage(message)).toEqual([]);
    expect(message.blocks.some((b) => b.block_id === 'environment')).toBe(false);
    expect(message.text).not.toContain('SIMULATOR');
  });

  it('never carries a pass phrase', () => {
    for (const [name, message] of everyMessage(LABEL)) {
      expect(leaks(json(message), PHRASE), `${name} leaks`).toBe(false);
    }
  });
});

describe('receipts', () => {
  it('says who bought what, the new balance and the transaction id', () => {
    const message = receiptMessage(applied, who(null));
    const text = json(message);
    expect(message.text).toContain('<@U0001> bought *$25.00* of postage for account 2500001');
    expect(text).toContain('$1,259.50');
    expect(text).toContain('9001');
    expect(text).toContain('Submitted.');
  });

  it('names the balance as the proof when the answer was lost', () => {
    const confirmed = purchase({ balanceAfterMils: 1_259_500, outcome: 'confirmed', confirmedBy: 'balance' });
    expect(json(receiptMessage(confirmed, who(null)))).toContain("Endicia's answer was lost");
  });

  it('uncertain: the honest sentence, with or without a balance', () => {
    const read = uncertainMessage(
      purchase({ balanceAfterMils: 1_234_500, outcome: 'unconfirmed' }),
      who(null),
    );
    expect(read.text).toContain(
      "The purchase of $25.00 could not be confirmed — the balance is now $1,234.50; check before buying again: whether the balance rose by $25.00 (`/postage balance`), or the account's transaction history on Endicia's website.",
    );
    const unread = uncertainMessage(purchase({ outcome: 'unconfirmed' }), who(null));
    expect(unread.text).toContain('the balance could not be read');
  });

  it('does not trust a malformed user id as markup', () => {
    const message = receiptMessage(applied, { ...who(null), userId: '<!channel>' });
    expect(message.text).not.toContain('<!channel>');
    expect(message.text).toContain('&lt;!channel&gt;');
  });
});

describe('help', () => {
  it('lists exactly the product.md commands', () => {
    const text = helpMessage(null).text;
    const commands = [...text.matchAll(/`\/postage ([^`]+)`/g)].map((m) => m[1]);
    expect(commands).toEqual([
      'buy [amount]',
      'balance',
      'passphrase',
      'alerts &lt;amount&gt;',
      'alerts off',
      'alerts',
      'forget',
      'history',
      'help',
    ]);
  });
});

describe('balance and remembering', () => {
  it('balance: $1,234.50 and Active', () => {
    const message = balanceMessage({
      accountId: ACCOUNT,
      balanceMils: 1_234_500,
      accountStatus: 'A',
      readAt: '2026-01-02T03:04:05.000Z',
      environmentLabel: null,
      runway: null,
    });
    expect(message.text).toBe('Account 2500001: postage balance *$1,234.50*, status Active.');
    const shown = json(message.blocks);
    expect(shown).toContain('Postage balance');
    expect(shown).toContain('Read from Endicia <!date^1767323045^');
    expect(shown).toContain('"action_id":"alert_buy"');
    expect(shown).toContain('"text":"Buy postage"');
    expect(shown).not.toContain('Runway');
  });

  it('not remembered: how to remember', () => {
    const text = notRememberedMessage(null).text;
    expect(text).toContain('/postage buy');
    expect(text).toContain('Remember account number and pass phrase');
  });

  it('forget: what was deleted and which alerts stop', () => {
    const both = forgetMessage({
      hadCredentials: true,
      alertChannels: ['C0001', 'C0002'],
      environmentLabel: null,
    });
    expect(both.text).toContain('are deleted');
    expect(both.text).toContain('<#C0001> and <#C0002> are paused: they check nothing until you log in');
    const nothing = forgetMessage({ hadCredentials: false, alertChannels: [], environmentLabel: null });
    expect(nothing.text).toContain('nothing to delete');
    expect(nothing.text).not.toContain('alerts');
  });

  it('forget run again with alerts: one statement, not "nothing to delete" and then "can no longer check"', () => {
    const again = forgetMessage({ hadCredentials: false, alertChannels: ['C0001'], environmentLabel: null });
    expect(again.text).toBe(
      'Nothing is remembered for you, so the low-balance alerts you set up in <#C0001> are paused until you log in with `/postage buy` and tick *Remember* (or run `/postage alerts off` there).',
    );
  });
});

describe('history', () => {
  it('one line per purchase with amount, account, state, balance and transaction', () => {
    const message = historyMessage([record(1), record(2, { state: 'unconfirmed', transactionId: null })], {
      environmentLabel: null,
    });
    const text = json(message.blocks);
    expect(text).toContain('*$25.00* for account 2500001');
    expect(text).toContain('bought');
    expect(text).toContain('could not be confirmed');
    expect(text).toContain('balance after $1,259.50');
    expect(text).toContain('transaction 901');
    expect(text).toContain('<!date^1767323045^');
  });

  it(`caps at ${HISTORY_SHOWN} purchases and says so`, () => {
    const many = Array.from({ length: 60 }, (_, i) => record(i));
    const message = historyMessage(many, { environmentLabel: LABEL });
    expect(validateMessage(message)).toEqual([]);
    expect(json(message)).toContain(`Showing the newest ${HISTORY_SHOWN} of 60.`);
  });

  it('says "showing the newest 10 of 12" when more exist than are listed', () => {
    const ten = Array.from({ length: 10 }, (_, i) => record(i));
    const message = historyMessage(ten, { environmentLabel: null, total: 12 });
    expect(json(message)).toContain('Showing the newest 10 of 12.');
    expect(json(historyMessage(ten, { environmentLabel: null, total: 10 }))).not.toContain('Showing');
  });

  it('says when there is nothing yet', () => {
    expect(historyMessage([], { environmentLabel: null }).text).toContain(
      'not bought postage through the bot yet',
    );
  });
});
