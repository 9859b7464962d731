import { describe, expect, it } from 'vitest';
import { ackKind } from '../../src/bot/ack-timing.ts';

describe('ackKind', () => {
  it('names what Slack asked us to acknowledge from a fixed set', () => {
    expect(ackKind({ command: '/postage', text: 'buy', user_id: 'U1' })).toBe('command');
    expect(ackKind({ type: 'view_submission' })).toBe('submission');
    expect(ackKind({ type: 'block_actions' })).toBe('action');
    expect(ackKind({ type: 'block_suggestion' })).toBe('action');
    expect(ackKind({ type: 'event_callback', event: { type: 'app_home_opened' } })).toBe('event');
    expect(ackKind({ type: 'view_closed' })).toBe('other');
    expect(ackKind({ type: 'U0ALICE' })).toBe('other');
  });
});
