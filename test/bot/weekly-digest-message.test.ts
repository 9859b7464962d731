import { describe, expect, it } from 'vitest';
import { weeklyDigestMessage } from '../../src/bot/messages/weekly-digest.ts';
import { DAY_MS } from '../../src/machine/runway.ts';
import { summarizeWeek } from '../../src/machine/weekly-digest.ts';

const NOW = Date.parse('2026-12-07T15:00:00Z');
const ago = (days: number) => NOW - days * DAY_MS;
const textOf = (message: { blocks: unknown[] }) => JSON.stringify(message.blocks);

function sectionTexts(message: { blocks: unknown[] }): string[] {
  return (message.blocks as { type: string; text?: { text?: string } }[]).flatMap((b) =>
    b.type === 'section' && b.text?.text ? [b.text.text] : [],
  );
}

describe('the weekly digest message', () => {
  it('says postage used, bought, the balance and its runway in exact money, and who bought what', () => {
    const digest = summarizeWeek({
      readings: [
        { atMs: ago(6), balanceMils: 200_000 },
        { atMs: ago(4), balanceMils: 169_995 },
        { atMs: ago(2), balanceMils: 249_990 },
        { atMs: ago(0.5), balanceMils: 220_000 },
      ],
      purchases: [
        { atMs: ago(3), userId: 'U0ANN', amountMils: 100_000, state: 'confirmed' },
        { atMs: ago(1), userId: 'U0CAT', amountMils: 10_000, state: 'unconfirmed' },
        { atMs: ago(2.5), userId: 'U0BOB', amountMils: 25_000, state: 'failed' },
      ],
      nowMs: NOW,
    });
    const message = weeklyDigestMessage({ accountId: '2500001', digest, environmentLabel: null });
    expect(message.text).toBe(
      'Weekly postage digest for account 2500001: $80.00 used, $100.00 bought, balance $220.00.',
    );
    const [summary, purchases] = sectionTexts(message);
    expect(summary).toContain(
      "*Postage used:* $80.00 over the last 7 days (the bot's readings cover 5 days of it)",
    );
    expect(summary).toContain('*Bought:* $100.00');
    expect(summary).toMatch(/\*Balance:\* \$220\.00, read <!date\^\d+\^/);
    expect(summary).toContain("*Runway:* about 15 days left at this week's rate");
    expect(purchases?.split('\n')).toEqual([
      '*Purchases* (2):',
      expect.stringMatching(/^• <@U0CAT> \*\$10\.00\* · <!date\^\d+\^.* · not confirmed$/),
      expect.stringMatching(/^• <@U0ANN> \*\$100\.00\* · <!date\^\d+\^[^·]*$/),
    ]);
    expect(textOf(message)).not.toContain('U0BOB');
  });

  it('a week with no reading and no purchase says so rather than $0.00', () => {
    const message = weeklyDigestMessage({
      accountId: '2500001',
      digest: summarizeWeek({ readings: [], purchases: [], nowMs: NOW }),
      environmentLabel: 'SIMULATOR — no real postage',
    });
    expect(message.text).toBe(
      '[SIMULATOR — no real postage] Weekly postage digest for account 2500001: postage used not known, $0.00 bought.',
    );
    const text = textOf(message);
    expect(text).toContain('not known: the bot read no balance this week');
    expect(text).toContain('*Purchases:* none through the bot this week.');
    expect(text).toContain('*Balance:* not read yet.');
  });

  it('lists at most 20 purchases and counts the rest, within 50 blocks and 3,000 characters a section', () => {
    const purchases = Array.from({ length: 32 }, (_, i) => ({
      atMs: ago(i / 10),
      userId: `U0${'LONGNAME'.repeat(3)}${i}`,
      amountMils: 99_999_990,
      state: 'confirmed',
    }));
    const message = weeklyDigestMessage({
      accountId: 'x'.repeat(200),
      digest: summarizeWeek({ readings: [], purchases, nowMs: NOW }),
      environmentLabel: 'SANDBOX',
    });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const text of sectionTexts(message)) expect(text.length).toBeLessThanOrEqual(3_000);
    const list = sectionTexts(message).find((t) => t.startsWith('*Purchases*')) ?? '';
    expect(list.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(20);
    expect(list).toContain('…and 12 more.');
    expect(list).toContain('*$99,999.99*');
    // $99,999.99 × 32 in exact mils.
    expect(message.text).toContain('$3,199,999.68 bought');
    expect(message.text.length).toBeLessThanOrEqual(3_000);
    const header = (message.blocks as { type: string; text?: { text: string } }[]).filter(
      (b) => b.type === 'header',
    );
    for (const h of header) expect(h.text?.text.length).toBeLessThanOrEqual(150);
  });

  it('stops the list early when the lines are long, still counting the rest', () => {
    const purchases = Array.from({ length: 40 }, (_, i) => ({
      atMs: ago(i / 10),
      // Not a user id: shown escaped, as long as it is.
      userId: `someone <&> ${'z'.repeat(200)} ${i}`,
      amountMils: 10_000,
      state: 'pending',
    }));
    const message = weeklyDigestMessage({
      accountId: '2500001',
      digest: summarizeWeek({ readings: [], purchases, nowMs: NOW }),
      environmentLabel: null,
    });
    const list = sectionTexts(message).find((t) => t.startsWith('*Purchases*')) ?? '';
    expect(list.length).toBeLessThanOrEqual(3_000);
    const shown = list.split('\n').filter((l) => l.startsWith('• ')).length;
    expect(shown).toBeLessThan(20);
    expect(list).toContain(`…and ${40 - shown} more.`);
    expect(list).toContain(' · in progress');
  });
});
