import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/index.ts';
import { labelValues, metric } from '../helpers/metrics-text.ts';

describe('createMetrics', () => {
  it('gives every app its own registry: two in one process do not collide', async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.alertPosted();
    expect(metric(await first.registry.metrics(), 'postage_alerts_posted_total')).toBe(1);
    expect(metric(await second.registry.metrics(), 'postage_alerts_posted_total')).toBe(0);
  });

  it('labels Slack errors only from fixed lists: anything else becomes "other"', async () => {
    const metrics = createMetrics();
    metrics.slackApiError('chat.postMessage', 'channel_not_found');
    metrics.slackApiError('chat.postMessage', 'xoxb-123-secret');
    metrics.slackApiError('users.info?user=U0ALICE', 'C0123 not found');
    const text = await metrics.registry.metrics();
    const errors = (labels: Record<string, string>) => metric(text, 'postage_slack_api_errors_total', labels);
    expect(errors({ method: 'chat.postMessage', error: 'channel_not_found' })).toBe(1);
    expect(errors({ method: 'chat.postMessage', error: 'other' })).toBe(1);
    expect(errors({ method: 'other', error: 'other' })).toBe(1);
    expect(labelValues(text).some((value) => /xoxb|U0ALICE|C0123/.test(value))).toBe(false);
  });

  it('records sweeps (duration in seconds, accounts checked) and Endicia calls by operation and outcome', async () => {
    const metrics = createMetrics();
    metrics.sweep({ ms: 1_500, statusCalls: 3 });
    metrics.endiciaCall({ operation: 'BuyPostage', outcome: 'timeout', seconds: 30 });
    const text = await metrics.registry.metrics();
    expect(metric(text, 'postage_alert_sweep_seconds_sum')).toBe(1.5);
    expect(metric(text, 'postage_alert_accounts_checked_total')).toBe(3);
    expect(
      metric(text, 'postage_endicia_call_seconds_count', { operation: 'BuyPostage', outcome: 'timeout' }),
    ).toBe(1);
  });
});
