import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, type Harness, startHarness } from '../helpers/bot-harness.ts';
import { metric, scrape } from '../helpers/metrics-text.ts';
import {
  expectNoLeaks,
  loggedIn,
  openWizard,
  page,
  personOf,
  reviewed,
  settle,
  submitLogin,
  WRONG_PHRASE,
} from './support.ts';

// /metrics and /readyz of the real app (Bolt's HTTP receiver or Socket Mode, the fake Slack, the simulator,
// a SQLite file). Counts are read as differences around each scenario, from the served text.
const MAIN = ACCOUNTS.main;
const OTHER = ACCOUNTS.other;

const simCalls = (h: Harness, op: string) => h.sim.calls.filter((call) => call.op === op).length;

/** Runs `scenario` and returns how much each of `read`'s numbers grew in the served `/metrics`. */
async function growth<K extends string>(
  h: Harness,
  read: Record<K, (text: string) => number>,
  scenario: () => Promise<void>,
): Promise<Record<K, number>> {
  const before = (await scrape(h.running.port)).text;
  await scenario();
  const after = (await scrape(h.running.port)).text;
  const keys = Object.keys(read) as K[];
  return Object.fromEntries(keys.map((k) => [k, read[k](after) - read[k](before)])) as Record<K, number>;
}

describe('GET /metrics over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    // Sweeps run on demand only.
    h = await startHarness({ overrides: { alerts: { spreadMs: 0, firstSweepDelayMs: 3_600_000 } } });
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    expect(h.fake.violations).toEqual([]);
  });

  it('is open without METRICS_TOKEN, in the Prometheus text format, with the process metrics', async () => {
    const res = await fetch(`http://127.0.0.1:${h.running.port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE postage_ack_seconds histogram');
    expect(text).toContain('# TYPE postage_purchases_total counter');
    expect(metric(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(metric(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('counts a whole wizard: its acks by kind, its Endicia calls and the purchase', async () => {
    const alice = personOf(h, 'T1', 'U0ALICE');
    const statusBefore = simCalls(h, 'GetAccountStatus');
    const grew = await growth(
      h,
      {
        commands: (t) => metric(t, 'postage_ack_seconds_count', { kind: 'command' }),
        submissions: (t) => metric(t, 'postage_ack_seconds_count', { kind: 'submission' }),
        slowAcks: (t) =>
          metric(t, 'postage_ack_seconds_count') - metric(t, 'postage_ack_seconds_bucket', { le: '3' }),
        statusOk: (t) =>
          metric(t, 'postage_endicia_call_seconds_count', { operation: 'GetAccountStatus', outcome: 'ok' }),
        buyOk: (t) =>
          metric(t, 'postage_endicia_call_seconds_count', { operation: 'BuyPostage', outcome: 'ok' }),
        confirmed: (t) => metric(t, 'postage_purchases_total', { outcome: 'confirmed' }),
        failed: (t) => metric(t, 'postage_purchases_total', { outcome: 'failed' }),
      },
      async () => {
        await loggedIn(alice, MAIN);
        await reviewed(alice, '25');
        await alice.submit();
        await alice.waitForView(page('done'));
        await alice.submit();
        await h.fake.waitFor((f) => f.messagesIn('C0ALICE')[0]);
      },
    );
    expect(grew).toEqual({
      commands: 1,
      // Login, review, buy, finish.
      submissions: 4,
      slowAcks: 0,
      statusOk: simCalls(h, 'GetAccountStatus') - statusBefore,
      buyOk: 1,
      confirmed: 1,
      failed: 0,
    });
    expect(grew.statusOk).toBeGreaterThan(0);
  });

  it('counts a failed login as a refused Endicia call, and no purchase', async () => {
    const bob = personOf(h, 'T1', 'U0BOB');
    const grew = await growth(
      h,
      {
        refused: (t) =>
          metric(t, 'postage_endicia_call_seconds_count', {
            operation: 'GetAccountStatus',
            outcome: 'refused',
          }),
        ok: (t) =>
          metric(t, 'postage_endicia_call_seconds_count', { operation: 'GetAccountStatus', outcome: 'ok' }),
        purchases: (t) => metric(t, 'postage_purchases_total'),
        submissions: (t) => metric(t, 'postage_ack_seconds_count', { kind: 'submission' }),
      },
      async () => {
        await openWizard(bob);
        const wrong = await submitLogin(bob, { accountId: OTHER.accountId, passPhrase: WRONG_PHRASE });
        expect(wrong.response?.['response_action']).toBe('errors');
      },
    );
    expect(grew).toEqual({ refused: 1, ok: 0, purchases: 0, submissions: 1 });
  });

  it('counts a posted alert', async () => {
    const owner = personOf(h, 'T1', 'U0OWNER');
    await loggedIn(owner, OTHER, { remember: true });
    await owner.close();
    const grew = await growth(h, { alerts: (t) => metric(t, 'postage_alerts_posted_total') }, async () => {
      // $75.00 < $100.00: the new subscription's first check posts the alert at once.
      await owner.command('/postage', 'alerts 100');
      await h.fake.waitFor(() =>
        h.fake.messagesIn('C0OWNER').find((m) => (m.text ?? '').includes('Low postage')),
      );
    });
    expect(grew).toEqual({ alerts: 1 });
  });

  it('counts a sweep, its duration and the accounts it checked (and no alert while the balance stays low)', async () => {
    // Let the subscription's first check finish: then the sweep is the only work.
    await settle(h);
    const before = (await scrape(h.running.port)).text;
    const report = await h.running.monitor.sweep();
    const after = (await scrape(h.running.port)).text;
    const grew = (name: string) => metric(after, name) - metric(before, name);
    expect(report.statusCalls).toBe(1);
    expect(grew('postage_alert_sweep_seconds_count')).toBe(1);
    expect(grew('postage_alert_sweep_seconds_sum')).toBeCloseTo(report.ms / 1000, 3);
    expect(grew('postage_alert_accounts_checked_total')).toBe(1);
    expect(grew('postage_alerts_posted_total')).toBe(0);
  });

  it('counts Slack API errors by method and code; codes outside the known set become "other"', async () => {
    const client = h.running.bot.app.client;
    h.fake.failNext('chat.postMessage', 'channel_not_found');
    await expect(client.chat.postMessage({ channel: 'C0NOWHERE', text: 'hi' })).rejects.toThrow();
    h.fake.failNext('chat.postMessage', 'weird_U0ALICE_2500001');
    await expect(client.chat.postMessage({ channel: 'C0NOWHERE', text: 'hi' })).rejects.toThrow();
    const { text } = await scrape(h.running.port);
    const errors = (labels: Record<string, string>) => metric(text, 'postage_slack_api_errors_total', labels);
    expect(errors({ method: 'chat.postMessage', error: 'channel_not_found' })).toBe(1);
    expect(errors({ method: 'chat.postMessage', error: 'other' })).toBe(1);
  });

  it('holds no pass phrase, token, account number or Slack id after all of the above', async () => {
    await expectNoLeaks(h);
  });
});

describe('METRICS_TOKEN', () => {
  const TOKEN = 'metrics-token-0123456789';
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 401 without the token, with a wrong one or another scheme; 200 with it', async () => {
    const get = (authorization?: string) =>
      fetch(`http://127.0.0.1:${h.running.port}/metrics`, {
        headers: authorization === undefined ? {} : { authorization },
      });
    const none = await get();
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(await none.text()).not.toContain('postage_');
    expect((await get(`Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await get(`Bearer ${TOKEN.slice(0, -1)}`)).status).toBe(401);
    expect((await get('Bearer ')).status).toBe(401);
    expect((await get(`Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`)).status).toBe(401);
    const ok = await get(`Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('postage_ack_seconds');
  });

  it('leaves /healthz and /readyz open', async () => {
    expect((await fetch(`http://127.0.0.1:${h.running.port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${h.running.port}/readyz`)).status).toBe(200);
  });
});

describe('GET /readyz', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  const ready = async () => {
    const res = await fetch(`http://127.0.0.1:${h.running.port}/readyz`);
    return { status: res.status, text: await res.text() };
  };

  it('is 503 until Slack auth.test succeeds, then 200; an auth error from Slack makes it ask again', async () => {
    h.fake.failNext('auth.test', 'invalid_auth');
    expect(await ready()).toEqual({ status: 503, text: 'not ready: Slack auth.test has not succeeded\n' });
    // /healthz is liveness only: the process is up.
    expect((await fetch(`http://127.0.0.1:${h.running.port}/healthz`)).status).toBe(200);
    expect(await ready()).toEqual({ status: 200, text: 'ready\n' });
    const asked = h.fake.callsTo('auth.test').length;
    expect(await ready()).toEqual({ status: 200, text: 'ready\n' });
    // Once succeeded, a probe does not call Slack again…
    expect(h.fake.callsTo('auth.test').length).toBe(asked);

    // …until a call fails with an auth error (a revoked token).
    h.fake.failNext('chat.postMessage', 'token_revoked');
    await expect(h.running.bot.app.client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toThrow();
    h.fake.failNext('auth.test', 'token_revoked');
    expect((await ready()).status).toBe(503);
    expect((await ready()).status).toBe(200);
  });

  it('is 503 when the store does not answer', async () => {
    expect((await ready()).status).toBe(200);
    await h.running.store.close();
    expect(await ready()).toEqual({ status: 503, text: 'not ready: the store does not answer\n' });
    const { text } = await scrape(h.running.port);
    expect(metric(text, 'postage_store_errors_total', { store: 'store', operation: 'ping' })).toBe(1);
  });
});

describe('Socket Mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ transport: 'socket' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('serves /metrics and /readyz on PORT next to /healthz, and times its acks too', async () => {
    const user = personOf(h, 'T1', 'U0SOCKET');
    await user.command('/postage', 'help');
    const { status, text } = await scrape(h.running.port);
    expect(status).toBe(200);
    expect(metric(text, 'postage_ack_seconds_count', { kind: 'command' })).toBe(1);
    expect((await fetch(`http://127.0.0.1:${h.running.port}/readyz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${h.running.port}/nothing`)).status).toBe(404);
  });
});
