import { describe, expect, it } from 'vitest';
import { createSlackAlertNotifier } from '../../../src/bot/alerts/slack-notifier.ts';
import { DAY_MS, type Runway } from '../../../src/machine/index.ts';
import { validateMessage } from '../../helpers/fake-slack/index.ts';
import { alertSub, directQueue, fakeChatClient, quiet } from './notifier-kit.ts';

const FOUR_DAYS: Runway = { kind: 'rate', spentMils: 10_000, spanMs: 7 * DAY_MS, daysLeft: 4 };

function notifierWith(runway: () => Promise<Runway | null>) {
  const slack = fakeChatClient();
  const asked: unknown[] = [];
  const notifier = createSlackAlertNotifier({
    client: slack.client,
    queue: directQueue(),
    logger: quiet,
    environmentLabel: null,
    runway: async (...args) => {
      asked.push(args);
      return runway();
    },
    now: () => new Date('2026-03-02T00:00:00.000Z'),
  });
  return { notifier, calls: slack.calls, asked };
}

describe('runway in low-balance alerts', () => {
  it("the alert says how long the balance lasts at this week's rate", async () => {
    const { notifier, calls, asked } = notifierWith(async () => FOUR_DAYS);
    await notifier.postAlert(alertSub({ alertMessageTs: null }), 40_000);
    expect(asked).toEqual([['T1', '2500001', 40_000, new Date('2026-03-02T00:00:00.000Z')]]);
    expect(String(calls[0]?.args['text'])).toContain("About 4 days left at this week's rate.");
  });

  it('the recovery edit says the runway at the new balance', async () => {
    const { notifier, calls } = notifierWith(async () => ({ ...FOUR_DAYS, daysLeft: 12 }));
    await notifier.markRecovered(alertSub(), 90_000);
    const edit = calls.find((c) => c.method === 'chat.update');
    expect(String(edit?.args['text'])).toContain("About 12 days left at this week's rate.");
  });

  it('says nothing without a rate, and an alert still goes out when the forecast fails', async () => {
    const none = notifierWith(async () => ({ kind: 'not-enough-history' }));
    await none.notifier.postAlert(alertSub({ alertMessageTs: null }), 40_000);
    expect(String(none.calls[0]?.args['text'])).not.toMatch(/left at|history/);
    const broken = notifierWith(async () => {
      throw new Error('store down');
    });
    expect(await broken.notifier.postAlert(alertSub({ alertMessageTs: null }), 40_000)).toEqual({
      ts: '1700000000.000001',
    });
    expect(String(broken.calls[0]?.args['text'])).toContain('Low postage balance');
  });
});

describe('runway early warning messages', () => {
  it('says the runway and the warning, with Buy postage; the recovery edit drops the button', async () => {
    const { notifier, calls } = notifierWith(async () => FOUR_DAYS);
    const sub = alertSub({ state: 'armed', alertMessageTs: null, runwayWarningDays: 5 });
    expect(await notifier.postRunwayWarning?.(sub, 80_000, FOUR_DAYS)).toEqual({ ts: '1700000000.000001' });
    const posted = calls[0]?.args ?? {};
    expect(String(posted['text'])).toContain(
      "has $80.00, about 4 days left at this week's rate — under the 5 days warning.",
    );
    expect(validateMessage(posted as never)).toEqual([]);
    expect(JSON.stringify(posted['blocks'])).toContain('alert_buy');
    await notifier.markRunwayRecovered?.({ ...sub, runwayAlertTs: '1700000000.000001' }, 200_000, {
      ...FOUR_DAYS,
      daysLeft: 9,
    });
    const edit = calls.find((c) => c.method === 'chat.update')?.args ?? {};
    expect(String(edit['text'])).toContain('Runway recovered');
    expect(JSON.stringify(edit['blocks'])).not.toContain('alert_buy');
  });
});
