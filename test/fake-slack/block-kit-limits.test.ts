import { describe, expect, it } from 'vitest';
import { validateMessage, validateView } from '../helpers/fake-slack/index.ts';

const text = (t: string) => ({ type: 'plain_text', text: t });
const input = (blockId: string, element: object) => ({
  type: 'input',
  block_id: blockId,
  label: text('Label'),
  element,
});
const option = (value: string, label = value) => ({ text: text(label), value });

function modal(overrides: Record<string, unknown> = {}) {
  return {
    type: 'modal',
    callback_id: 'buy/details',
    title: text('Buy postage'),
    submit: text('Next'),
    close: text('Cancel'),
    private_metadata: 'session-1',
    blocks: [
      { type: 'header', block_id: 'h', text: text('Postage details') },
      { type: 'section', block_id: 's', text: { type: 'mrkdwn', text: '*Balance:* $1,234.50' } },
      input('amount', {
        type: 'plain_text_input',
        action_id: 'value',
        max_length: 12,
        placeholder: text('25.00'),
      }),
      input('remember', { type: 'checkboxes', action_id: 'value', options: [option('yes', 'Remember')] }),
      {
        type: 'actions',
        block_id: 'a',
        elements: [{ type: 'button', action_id: 'change', text: text('Change'), value: 'x' }],
      },
    ],
    ...overrides,
  };
}

const blocksWith = (block: object) => modal({ blocks: [block] });

describe('validateView', () => {
  it('accepts a view inside every limit', () => {
    expect(validateView(modal())).toEqual([]);
  });

  it.each([
    ['title of 25 characters', modal({ title: text('x'.repeat(25)) }), '/view/title/text'],
    ['submit label of 25 characters', modal({ submit: text('x'.repeat(25)) }), '/view/submit/text'],
    ['mrkdwn title', modal({ title: { type: 'mrkdwn', text: 'T' } }), '/view/title/type'],
    ['missing title', modal({ title: undefined }), '/view/title'],
    [
      '101 blocks',
      modal({ blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }),
      '/view/blocks',
    ],
    [
      'private_metadata of 3001 characters',
      modal({ private_metadata: 'm'.repeat(3001) }),
      '/view/private_metadata',
    ],
    ['callback_id of 256 characters', modal({ callback_id: 'c'.repeat(256) }), '/view/callback_id'],
    ['input without submit', modal({ submit: undefined }), '/view]'],
    [
      'duplicate block_id',
      modal({
        blocks: [
          { type: 'divider', block_id: 'd' },
          { type: 'divider', block_id: 'd' },
        ],
      }),
      '/view/blocks/1/block_id',
    ],
    [
      'block_id of 256 characters',
      blocksWith({ type: 'divider', block_id: 'b'.repeat(256) }),
      '/view/blocks/0/block_id',
    ],
    [
      'empty section text',
      blocksWith({ type: 'section', text: { type: 'mrkdwn', text: '' } }),
      '/view/blocks/0/text/text',
    ],
    [
      'section text of 3001',
      blocksWith({ type: 'section', text: { type: 'mrkdwn', text: 't'.repeat(3001) } }),
      '/text/text',
    ],
    [
      '11 section fields',
      blocksWith({ type: 'section', fields: Array.from({ length: 11 }, () => text('f')) }),
      '/fields',
    ],
    [
      'field of 2001',
      blocksWith({ type: 'section', fields: [text('f'.repeat(2001))] }),
      '/view/blocks/0/fields/0/text',
    ],
    [
      'header of 151',
      blocksWith({ type: 'header', text: text('h'.repeat(151)) }),
      '/view/blocks/0/text/text',
    ],
    [
      '26 action elements',
      blocksWith({
        type: 'actions',
        elements: Array.from({ length: 26 }, (_, i) => ({
          type: 'button',
          action_id: `b${i}`,
          text: text('B'),
        })),
      }),
      '/elements',
    ],
    [
      '11 context elements',
      blocksWith({ type: 'context', elements: Array.from({ length: 11 }, () => text('c')) }),
      '/elements',
    ],
    [
      'duplicate action_id in a block',
      blocksWith({
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'x', text: text('A') },
          { type: 'button', action_id: 'x', text: text('B') },
        ],
      }),
      '/view/blocks/0]',
    ],
    [
      'button text of 76',
      blocksWith({
        type: 'actions',
        elements: [{ type: 'button', action_id: 'b', text: text('b'.repeat(76)) }],
      }),
      '/text/text',
    ],
    [
      'button value of 2001',
      blocksWith({
        type: 'actions',
        elements: [{ type: 'button', action_id: 'b', text: text('B'), value: 'v'.repeat(2001) }],
      }),
      '/value',
    ],
    [
      'option text of 76',
      blocksWith(
        input('i', { type: 'static_select', action_id: 'v', options: [option('a', 'o'.repeat(76))] }),
      ),
      '/options/0/text/text',
    ],
    [
      'option value of 76',
      blocksWith(
        input('i', { type: 'static_select', action_id: 'v', options: [option('v'.repeat(76), 'ok')] }),
      ),
      '/options/0/value',
    ],
    [
      '11 checkbox options',
      blocksWith(
        input('i', {
          type: 'checkboxes',
          action_id: 'v',
          options: Array.from({ length: 11 }, (_, n) => option(`o${n}`)),
        }),
      ),
      '/options',
    ],
    [
      'input label of 2001',
      blocksWith({
        ...input('i', { type: 'plain_text_input', action_id: 'v' }),
        label: text('l'.repeat(2001)),
      }),
      '/label/text',
    ],
    [
      'placeholder of 151',
      blocksWith(
        input('i', { type: 'plain_text_input', action_id: 'v', placeholder: text('p'.repeat(151)) }),
      ),
      '/placeholder/text',
    ],
    [
      'max_length of 3001',
      blocksWith(input('i', { type: 'plain_text_input', action_id: 'v', max_length: 3001 })),
      '/max_length',
    ],
    [
      'number_input without is_decimal_allowed',
      blocksWith(input('i', { type: 'number_input', action_id: 'v' })),
      '/is_decimal_allowed',
    ],
    [
      'button inside an input block',
      blocksWith(input('i', { type: 'button', action_id: 'v', text: text('B') })),
      '/element/type',
    ],
    ['unknown block type', blocksWith({ type: 'table' }), '/view/blocks/0/type'],
    [
      'two focus_on_load elements',
      modal({
        blocks: [
          input('a', { type: 'plain_text_input', action_id: 'v', focus_on_load: true }),
          input('b', { type: 'plain_text_input', action_id: 'v', focus_on_load: true }),
        ],
      }),
      '/view/blocks]',
    ],
  ])('rejects %s', (_name, view, pointer) => {
    const problems = validateView(view);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^\[ERROR\] /);
    expect(problems[0]).toContain(pointer);
  });

  it('uses Slack’s own wording for a missing submit', () => {
    expect(validateView(modal({ submit: undefined }))).toEqual([
      '[ERROR] must define submit to use input block [json-pointer:/view]',
    ]);
  });

  it('flags a view over 250 kB as view_too_large', () => {
    const big = modal({
      blocks: Array.from({ length: 90 }, () => ({ type: 'section', text: text('x'.repeat(2990)) })),
    });
    expect(validateView(big).join('\n')).toContain('view_too_large');
  });

  it('accepts exactly-at-limit values', () => {
    const view = modal({
      title: text('t'.repeat(24)),
      private_metadata: 'm'.repeat(3000),
      blocks: Array.from({ length: 100 }, (_, i) => ({ type: 'divider', block_id: `d${i}` })),
      submit: undefined,
    });
    expect(validateView(view)).toEqual([]);
  });
});

describe('validateMessage', () => {
  const section = { type: 'section', text: { type: 'mrkdwn', text: 'Balance low' } };

  it('accepts text with blocks', () => {
    expect(validateMessage({ channel: 'C1', text: 'Balance low', blocks: [section] })).toEqual([]);
  });

  it('rejects 51 blocks', () => {
    const problems = validateMessage({
      text: 't',
      blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })),
    });
    expect(problems).toEqual(['[ERROR] no more than 50 items allowed [json-pointer:/blocks]']);
  });

  it('warns when blocks come without a text fallback', () => {
    const problems = validateMessage({ channel: 'C1', blocks: [section] });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^\[WARN\] missing text fallback/);
  });

  it('checks block limits inside messages too', () => {
    const problems = validateMessage({
      text: 't',
      blocks: [{ type: 'header', text: text('h'.repeat(151)) }],
    });
    expect(problems.join('\n')).toContain('/blocks/0/text/text');
  });
});
