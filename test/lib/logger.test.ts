import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger.ts';
import { redact, redactText } from '../../src/lib/redact.ts';

const PHRASE = 'Blue <Heron> & "42"';

describe('redacting logger', () => {
  it('masks secret-named fields at any depth and keeps the rest', () => {
    const lines: string[] = [];
    const logger = createLogger({ write: (l) => lines.push(l), now: () => new Date(0) });
    logger.info('login', {
      accountId: '2500001',
      passPhrase: PHRASE,
      nested: { new_pass_phrase: PHRASE, token: 'xoxb-1' },
    });
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0] ?? '{}');
    expect(record).toMatchObject({
      level: 'info',
      msg: 'login',
      accountId: '2500001',
      passPhrase: '[redacted]',
    });
    expect(record.nested).toEqual({ new_pass_phrase: '[redacted]', token: '[redacted]' });
    expect(lines.join('').includes('Heron')).toBe(false);
  });

  it('masks pass phrases inside XML and url-encoded XML text', () => {
    const xml = `<CertifiedIntermediary><PassPhrase>${PHRASE}</PassPhrase></CertifiedIntermediary><NewPassPhrase>x y</NewPassPhrase>`;
    expect(redactText(xml)).toBe(
      '<CertifiedIntermediary><PassPhrase>[redacted]</PassPhrase></CertifiedIntermediary><NewPassPhrase>[redacted]</NewPassPhrase>',
    );
    expect(redactText(encodeURIComponent(xml)).includes('Heron')).toBe(false);
  });

  it('reduces errors to name, code and message (never a request body on a cause)', () => {
    const cause = Object.assign(new Error('socket hang up'), { options: { body: `PassPhrase=${PHRASE}` } });
    const error = Object.assign(new Error('failed', { cause }), { code: 'E_X' });
    const out = JSON.stringify(redact({ error }));
    expect(out).toContain('E_X');
    expect(out.includes('Heron')).toBe(false);
  });

  it('drops lines below its level', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', write: (l) => lines.push(l) });
    logger.info('quiet');
    logger.child({ sessionId: 's1' }).warn('loud');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ msg: 'loud', sessionId: 's1' }),
    ]);
  });
});
