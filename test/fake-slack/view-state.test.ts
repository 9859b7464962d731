import { describe, expect, it } from 'vitest';
import { DriverError } from '../helpers/fake-slack/index.ts';
import { findElement, fullState, stateValueFor } from '../helpers/fake-slack/view-state.ts';
import { plain } from './fixtures.ts';

const choices = [
  { text: plain('Small'), value: 's' },
  { text: plain('Large'), value: 'l' },
];
const blocks = [
  {
    type: 'input',
    block_id: 'name',
    label: plain('Name'),
    element: { type: 'plain_text_input', action_id: 'v' },
  },
  {
    type: 'input',
    block_id: 'size',
    label: plain('Size'),
    element: { type: 'static_select', action_id: 'v', options: choices, initial_option: choices[1] },
  },
  {
    type: 'input',
    block_id: 'count',
    label: plain('Count'),
    element: { type: 'number_input', action_id: 'v', is_decimal_allowed: false, initial_value: '2' },
  },
  {
    type: 'input',
    block_id: 'extras',
    label: plain('Extras'),
    element: { type: 'checkboxes', action_id: 'v', options: choices },
  },
  { type: 'actions', block_id: 'act', elements: [{ type: 'button', action_id: 'go', text: plain('Go') }] },
];

describe('view state', () => {
  it('reports untouched inputs with their initial values (or empty), typed ones as typed', () => {
    const typed = { name: { v: { type: 'plain_text_input', value: 'Ada' } } };
    expect(fullState(blocks, typed)).toEqual({
      name: { v: { type: 'plain_text_input', value: 'Ada' } },
      size: { v: { type: 'static_select', selected_option: { text: plain('Large'), value: 'l' } } },
      count: { v: { type: 'number_input', value: '2' } },
      extras: { v: { type: 'checkboxes', selected_options: [] } },
    });
  });

  it('produces Slack’s value shape per element type', () => {
    const element = (blockId: string) => findElement(blocks, 'v', blockId)?.element ?? {};
    expect(stateValueFor(element('count'), '42')).toEqual({ type: 'number_input', value: '42' });
    expect(stateValueFor(element('size'), 's')).toEqual({
      type: 'static_select',
      selected_option: { text: plain('Small'), value: 's' },
    });
    expect(stateValueFor(element('extras'), ['s', 'l'])).toMatchObject({
      selected_options: [{ value: 's' }, { value: 'l' }],
    });
    expect(() => stateValueFor(element('size'), 'xl')).toThrow(DriverError);
  });

  it('finds elements by action id, optionally within a block', () => {
    expect(findElement(blocks, 'go')).toMatchObject({ blockId: 'act', actionId: 'go' });
    expect(findElement(blocks, 'v', 'extras')?.blockId).toBe('extras');
    expect(findElement(blocks, 'go', 'name')).toBeUndefined();
  });
});
