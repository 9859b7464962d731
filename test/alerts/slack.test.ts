import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannelQueue } from '../../src/alerts/index.ts';
import { EndiciaApiError } from '../../src/endicia/index.ts';
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack/index.ts';
import {
  fakeEndicia,
  login,
  manualClock,
  memoryStore,
  monitorFor,
  seed,
  subscription,
  TEAM,
} from './helpers.ts';
import { BUY_ACTION_ID, slackNotifier } from './slack-notifier.ts';

const ACCOUNT = '2500001';
const fakes: FakeSlack[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function setup() {
  const slack = await startFakeSlack();
  fakes.push(slack);
  const client = new webApi.WebClient('xoxb-alerts-test', {
    slackApiUrl: slack.apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    logLevel: webApi.LogLevel.ERROR,
  });
  // The queue waits on a virtual clock, so Retry-After costs no real time and every wait is recorded.
  let virtualMs = Date.now();
  const sleeps: number[] = [];
  const queue = createChannelQueue({
    now: () => new Date(virtualMs),
    sleep: async (ms) => {
      sleeps.push(ms);
      virtualMs += ms;
    },
  });
  const store = await memoryStore();
  const endicia = fakeEndicia();
  const clock = manualClock();
  await seed(store, { U1: login(ACCOUNT) }, [
    subscription({ channelId: 'C1' }),
    subscription({ channelId: 'C2' }),
  ]);
  const monitor = monitorFor({
    alerts: store.alerts,
    store,
    endicia: endicia.endicia,
    notifier: slackNotifier(client, queue),
    now: clock.now,
  });
  const sweepAt = async (balanceMils: number) => {
    endicia.balances.set(ACCOUNT, balanceMils);
    clock.advance(900_000);
    return monitor.sweep();
  };
  return { slack, store, endicia, monitor, sweepAt, sleeps };
}

/** The value of the Buy button in a message's blocks, if it has one. */
function buttonsOf(blocks: unknown[] | undefined): string | undefined {
  for (const block of blocks ?? []) {
    const elements = (block as { elements?: Array<{ action_id?: unknown; value?: unknown }> }).elements ?? [];
    const button = elements.find((element) => element.action_id === BUY_ACTION_ID);
    if (button) return String(button.value);
  }
  return undefined;
}

describe('alert monitor with a Slack notifier (fake Slack Web API)', () => {
  it('posts one alert per channel with a Buy button, and edits it (not re-posts) on recovery', async () => {
    const { slack, store, sweepAt } = await setup();
    await sweepAt(40_000);
    await sweepAt(30_000);
    for (const channel of ['C1', 'C2']) {
      const [message, ...more] = slack.messagesIn(channel);
      expect(more).toHaveLength(0);
      expect(message?.text).toContain(`${ACCOUNT} is low: $40.00 (alert below $50.00)`);
      expect(buttonsOf(message?.blocks)).toBe(ACCOUNT);
      expect((await store.alerts.get(TEAM, channel))?.alertMessageTs).toBe(message?.ts);
    }

    expect((await sweepAt(125_250)).recoveries).toBe(2);
    for (const channel of ['C1', 'C2']) {
      const [message, ...more] = slack.messagesIn(channel);
      expect(more).toHaveLength(0);
      expect(message).toMatchObject({ edits: 1 });
      expect(message?.text).toContain('recovered: $125.25');
      expect(buttonsOf(message?.blocks)).toBeUndefined();
    }
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
    expect(slack.violations).toEqual([]);
  });

  it('honours a 429 Retry-After and still posts exactly one alert', async () => {
    const { slack, sweepAt, sleeps } = await setup();
    slack.rateLimit('chat.postMessage', { times: 1, retryAfterSec: 7 });
    expect(await sweepAt(10_000)).toMatchObject({ alerts: 2, errors: 0 });
    expect(
      slack
        .callsTo('chat.postMessage')
        .map((call) => call.status)
        .sort(),
    ).toEqual([200, 200, 429]);
    expect(sleeps).toContain(7_000);
    expect(slack.messagesIn('C1')).toHaveLength(1);
    expect(slack.messagesIn('C2')).toHaveLength(1);
  });

  it('a channel that refuses the post leaves the subscription armed for the next check', async () => {
    const { slack, store, sweepAt } = await setup();
    slack.refuseChannel('C2', 'not_in_channel');
    expect(await sweepAt(10_000)).toMatchObject({ alerts: 1, errors: 1 });
    expect(await store.alerts.get(TEAM, 'C2')).toMatchObject({ state: 'armed' });
    slack.acceptChannel('C2');
    expect(await sweepAt(10_000)).toMatchObject({ alerts: 1, errors: 0 });
    expect(slack.messagesIn('C2')).toHaveLength(1);
  });

  it('tells the owner by DM, once, when Endicia refuses the remembered credentials', async () => {
    const { slack, endicia, sweepAt } = await setup();
    endicia.failures.set(ACCOUNT, new EndiciaApiError('GetAccountStatus', 12507, 'Invalid pass phrase.'));
    for (let i = 0; i < 3; i += 1) await sweepAt(10_000);
    expect(endicia.calls).toHaveLength(1);
    const dms = slack
      .callsTo('chat.postMessage')
      .flatMap(({ args: { channel, text } }) => (channel === 'U1' ? [String(text)] : []));
    expect(dms).toHaveLength(1);
    expect(dms[0]).toContain('2 channel(s)');
  });
});
