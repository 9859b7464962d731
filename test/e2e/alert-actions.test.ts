import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, type Harness, startHarness } from '../helpers/bot-harness.ts';
import type { PostedMessage, SlackUser } from '../helpers/fake-slack/index.ts';
import { eventually, loggedIn } from './support.ts';

// Alerts people can act on (issue 15), through signed requests and the fake Slack: I'm on it, the
// snoozes, and the alert edited in place to show who handles it.
const MAIN = ACCOUNTS.main;

let h: Harness;
let owner: SlackUser;
let alert: PostedMessage;
beforeAll(async () => {
  h = await startHarness({ overrides: { alerts: { spreadMs: 0, firstSweepDelayMs: 3_600_000 } } });
  owner = h.driver.user({ teamId: 'T1', userId: 'UOWNER', channelId: 'CACT' });
  await loggedIn(owner, MAIN, { remember: true });
  await owner.close();
  await owner.command('/postage', 'alerts 500');
  alert = await h.fake.waitFor(() =>
    h.fake.messagesIn('CACT').find((m) => (m.text ?? '').includes('Low postage')),
  );
  // The ts is stored right after the post answers; a person cannot click in between, a test can.
  await eventually(
    async () => (await h.running.store.alerts.get('T1', 'CACT'))?.alertMessageTs === alert.ts,
    'alert ts stored',
  );
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  expect(h.fake.violations).toEqual([]);
});

const current = () => h.fake.messagesIn('CACT').find((m) => m.ts === alert.ts);
const statusOf = (m: PostedMessage | undefined) => JSON.stringify(m?.blocks ?? []);

describe('alert buttons', () => {
  it('the alert carries Buy postage, I’m on it, Snooze 1 hour and Snooze 1 day', () => {
    const blocks = JSON.stringify(alert.blocks);
    for (const label of ['Buy postage', "I'm on it", 'Snooze 1 hour', 'Snooze 1 day']) {
      expect(blocks).toContain(`"text":"${label}"`);
    }
  });

  it("I'm on it records who and edits the alert to show it", async () => {
    const colleague = h.driver.user({ teamId: 'T1', userId: 'UCOLLEAGUE', channelId: 'CACT' });
    const ack = await colleague.clickMessageButton('CACT', alert.ts, 'alert_ack');
    expect(ack.status).toBe(200);
    const edited = await h.fake.waitFor(() =>
      statusOf(current()).includes('is on it') ? current() : undefined,
    );
    expect(statusOf(edited)).toContain('<@UCOLLEAGUE> is on it');
    // Still the same alert, still with its buttons, and nothing new posted in the channel.
    expect(statusOf(edited)).toContain('alert_buy');
    expect(h.fake.messagesIn('CACT').filter((m) => (m.text ?? '').includes('Low postage'))).toHaveLength(1);
    const sub = await h.running.store.alerts.get('T1', 'CACT');
    expect(sub).toMatchObject({ acknowledgedBy: 'UCOLLEAGUE' });
  });

  it('Snooze 1 hour shows who snoozed and until when, keeping who is on it', async () => {
    const before = Date.now();
    await owner.clickMessageButton('CACT', alert.ts, 'alert_snooze_hour');
    const edited = await h.fake.waitFor(() =>
      statusOf(current()).includes('Snoozed by') ? current() : undefined,
    );
    expect(statusOf(edited)).toContain('Snoozed by <@UOWNER> until <!date^');
    expect(statusOf(edited)).toContain('<@UCOLLEAGUE> is on it');
    const sub = await h.running.store.alerts.get('T1', 'CACT');
    const until = Date.parse(sub?.snoozedUntil ?? '');
    expect(until).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(until).toBeLessThan(Date.now() + 3_600_000 + 1_000);
  });

  it('Snooze 1 day extends it; a sweep while low keeps all of it', async () => {
    await owner.clickMessageButton('CACT', alert.ts, 'alert_snooze_day');
    await eventually(async () => {
      const sub = await h.running.store.alerts.get('T1', 'CACT');
      return Date.parse(sub?.snoozedUntil ?? '') > Date.now() + 23 * 3_600_000;
    }, 'snoozed for a day');
    await h.running.monitor.sweep();
    expect(await h.running.store.alerts.get('T1', 'CACT')).toMatchObject({
      acknowledgedBy: 'UCOLLEAGUE',
      snoozedBy: 'UOWNER',
      state: 'alerted',
    });
  });

  it('a click on an alert that is no longer current changes nothing and tells only the clicker', async () => {
    await owner.command('/postage', 'alerts off');
    const late = h.driver.user({ teamId: 'T1', userId: 'ULATE', channelId: 'CACT' });
    const edits = current()?.edits ?? 0;
    await late.clickMessageButton('CACT', alert.ts, 'alert_ack');
    const said = await h.fake.waitFor(() => (late.responses().length > 0 ? late.responses() : undefined));
    expect(JSON.stringify(said)).toContain('no longer current');
    expect(current()?.edits).toBe(edits);
  });
});
