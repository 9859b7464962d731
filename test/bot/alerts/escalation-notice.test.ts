import { describe, expect, it } from 'vitest';
import { createSlackAlertNotifier } from '../../../src/bot/alerts/slack-notifier.ts';
import { validateMessage } from '../../helpers/fake-slack/index.ts';
import { alertSub, directQueue, fakeChatClient, quiet } from './notifier-kit.ts';

describe('escalation notice', () => {
  it('mentions the chosen people in the alert thread and edits the alert to say who was told', async () => {
    const slack = fakeChatClient();
    const notifier = createSlackAlertNotifier({
      client: slack.client,
      queue: directQueue(),
      logger: quiet,
      environmentLabel: null,
    });
    const sub = alertSub({
      escalateAfterHours: 4,
      escalateTo: ['UBOSS', 'UOPS'],
      escalatedAt: '2026-03-01T16:00:00.000Z',
    });
    await notifier.postEscalation?.(sub, 40_000);
    const [reply, edit] = slack.calls;
    expect(reply?.method).toBe('chat.postMessage');
    expect(reply?.args['thread_ts']).toBe(sub.alertMessageTs);
    expect(String(reply?.args['text'])).toContain(
      '<@UBOSS> <@UOPS>: the postage balance of account 2500001 is still $40.00',
    );
    expect(String(reply?.args['text'])).toContain('4 hours after this alert');
    expect(edit?.method).toBe('chat.update');
    expect(edit?.args['ts']).toBe(sub.alertMessageTs);
    expect(JSON.stringify(edit?.args['blocks'])).toContain('Escalated to <@UBOSS>, <@UOPS>');
    expect(JSON.stringify(edit?.args['blocks'])).toContain('alert_ack');
    for (const call of slack.calls) expect(validateMessage(call.args as never)).toEqual([]);
  });
});
