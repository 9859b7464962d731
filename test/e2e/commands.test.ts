import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { record } from '../bot/message-cases.ts';
import { ACCOUNTS, type Harness, startHarness } from '../helpers/bot-harness.ts';
import type { SlackUser } from '../helpers/fake-slack/index.ts';
import { expectNoLeaks, type Login, loggedIn, openWizard, page, reviewed } from './support.ts';

const MAIN = ACCOUNTS.main;
const OTHER = ACCOUNTS.other;

let h: Harness;
let seq = 0;
beforeAll(async () => {
  // A longer Endicia timeout, so a 2.5 s answer is slow for a slash command but still arrives.
  h = await startHarness({ env: { ENDICIA_TIMEOUT_MS: '4000' } });
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  h.sim.clearFaults();
  expect(h.fake.violations).toEqual([]);
});

const newUser = (teamId = 'T1'): SlackUser => {
  seq += 1;
  return h.driver.user({ teamId, userId: `U0CMD${seq}`, channelId: `C0CMD${seq}` });
};
const statusCalls = () => h.sim.calls.filter((call) => call.op === 'GetAccountStatus').length;

/** `/postage <text>`: the ack (ephemeral reply) as text, after checking it came in time. */
async function reply(user: SlackUser, text: string): Promise<string> {
  const answer = await user.command('/postage', text);
  expect(answer.status).toBe(200);
  expect(answer.ackMs).toBeLessThan(3000);
  expect(answer.body?.['response_type']).toBe('ephemeral');
  return JSON.stringify(answer.body);
}

async function remember(user: SlackUser, login: Login = MAIN): Promise<void> {
  await loggedIn(user, login, { remember: true });
  await user.close();
}

describe('/postage balance', () => {
  it('without a remembered account: how to remember one, and no call to Endicia', async () => {
    const user = newUser();
    const calls = h.sim.calls.length;
    expect(await reply(user, 'balance')).toContain('No Endicia account is remembered');
    expect(h.sim.calls.length).toBe(calls);
  });

  it('with a remembered account: its balance and status', async () => {
    const user = newUser();
    await remember(user, OTHER);
    const text = await reply(user, 'balance');
    expect(text).toContain(OTHER.accountId);
    expect(text).toContain('$75.00');
    expect(text).toContain('Active');
    expect(text).toContain('Read from Endicia <!date^');
    // Its Buy postage button opens the wizard on that account.
    const answer = await user.command('/postage', 'balance');
    const blocks = JSON.stringify(answer.body?.['blocks']);
    expect(blocks).toContain('"action_id":"alert_buy"');
    // Every reading is kept with what made it (written in the background): the login's, then the two commands'.
    await vi.waitFor(async () => {
      const kept = await h.running.store.balanceReadings.listSince(
        'T1',
        OTHER.accountId,
        '1970-01-01T00:00:00Z',
      );
      expect(kept.map((reading) => [reading.source, reading.balanceMils])).toEqual([
        ['login', 75_000],
        ['command', 75_000],
        ['command', 75_000],
      ]);
    });
  });

  it("with a week of readings: the runway at this week's rate", async () => {
    const user = newUser();
    await remember(user, OTHER);
    // Three days of history: $105.00 → $75.00, so $10.00 a day; $75.00 lasts about 7 days.
    const day = 86_400_000;
    for (const [daysAgo, balanceMils] of [
      [3, 105_000],
      [2, 95_000],
    ] as const) {
      await h.running.store.balanceReadings.add({
        teamId: 'T1',
        accountId: OTHER.accountId,
        balanceMils,
        readAt: new Date(Date.now() - daysAgo * day).toISOString(),
        source: 'sweep',
      });
    }
    const text = await reply(user, 'balance');
    expect(text).toContain("Runway: about 7 days left at this week's rate.");
  });

  it('a refused remembered pass phrase is tried once, never a second time, until the next login', async () => {
    const user = newUser();
    await remember(user);
    h.sim.inject({ kind: 'status', op: 'GetAccountStatus', status: 12507 });
    const calls = statusCalls();
    expect(await reply(user, 'balance')).toContain('incorrect');
    expect(statusCalls()).toBe(calls + 1);

    expect(await reply(user, 'balance')).toContain('does not use it any more');
    expect(await reply(user, 'balance')).toContain('does not use it any more');
    expect(statusCalls()).toBe(calls + 1);

    // The wizard will not use the refused remembered phrase either: it asks for it to be typed.
    await openWizard(user);
    await user.submit();
    expect(Object.keys(user.lastErrors ?? {})).toEqual(['pass_phrase']);
    expect(statusCalls()).toBe(calls + 1);
    await user.close();

    // A fresh login with Remember ticked clears the block.
    await remember(user);
    expect(await reply(user, 'balance')).toMatch(/postage balance \*\$[\d,]+\.\d\d\*/);
  });

  it('slow Endicia: "Checking…" at once, then the balance through response_url', async () => {
    const user = newUser();
    await remember(user, OTHER);
    h.sim.inject({ kind: 'latency', op: 'GetAccountStatus', ms: 2500 });
    const text = await reply(user, 'balance');
    expect(text).toContain('Checking your Endicia balance');
    const later = await h.fake.waitFor(() => user.responses()[0]);
    expect(JSON.stringify(later)).toContain(OTHER.accountId);
    expect(JSON.stringify(later)).toContain('"replace_original":true');
  });
});

describe('/postage history', () => {
  it('is empty at first, then lists the purchase with amount, balance and transaction', async () => {
    const user = newUser();
    expect(await reply(user, 'history')).toContain('have not bought postage');
    await loggedIn(user, MAIN);
    await reviewed(user, '12.34');
    await user.submit();
    await user.waitForView(page('done'));
    const text = await reply(user, 'history');
    expect(text).toContain('$12.34');
    expect(text).toContain('bought');
    expect(text).toContain(MAIN.accountId);
    expect(text).toMatch(/transaction \d+/);
    // Only one's own purchases.
    expect(await reply(newUser(), 'history')).toContain('have not bought postage');
  });

  it('says "showing the newest 10 of 12" when more exist than are shown', async () => {
    const user = newUser();
    for (let i = 0; i < 12; i += 1) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
      await h.running.store.purchases.begin({
        ...record(i, {
          requestId: `hist-${seq}-${i}`,
          teamId: 'T1',
          userId: user.actor.userId,
          accountId: MAIN.accountId,
        }),
        createdAt: at,
        updatedAt: at,
      });
    }
    const text = await reply(user, 'history');
    expect(text).toContain('Showing the newest 10 of 12.');
    expect(text).toContain('2026-01-01T00:11');
  });

  it('says honestly when a purchase could not be confirmed', async () => {
    const user = newUser();
    await loggedIn(user, MAIN);
    await reviewed(user, '10');
    h.sim.inject({ kind: 'reset', op: 'BuyPostage' });
    await user.submit();
    await user.waitForView(page('uncertain'));
    expect(await reply(user, 'history')).toContain('could not be confirmed');
  });
});

describe('help', () => {
  it('an unknown command says so, with the closest one, before the help', async () => {
    const answer = await reply(newUser(), 'balanse');
    expect(answer).toContain('Unknown command `balanse` — did you mean `balance`?');
    expect(answer.indexOf('Unknown command')).toBeLessThan(answer.indexOf('/postage buy'));
  });

  it.each(['help', '', 'frobnicate the postage', 'HELP me'])(
    '"/postage %s" lists the commands',
    async (text) => {
      const answer = await reply(newUser(), text);
      for (const command of ['buy [amount]', 'balance', 'passphrase', 'alerts', 'forget', 'history']) {
        expect(answer).toContain(`/postage ${command}`);
      }
      expect(answer).toContain('SIMULATOR');
    },
  );
});

describe('opening the wizard', () => {
  it('when Slack refuses the modal (an expired trigger), the person is told through response_url', async () => {
    const user = newUser();
    h.fake.failNext('views.open', 'expired_trigger_id');
    const opened = await user.command('/postage', 'buy');
    expect(opened.ackMs).toBeLessThan(3000);
    const told = await h.fake.waitFor(() => user.responses()[0]);
    expect(JSON.stringify(told)).toContain('run the command again');
    expect(user.currentView()).toBeUndefined();
  });
});

describe('receipts', () => {
  it('fall back to a DM when the channel refuses the post', async () => {
    const user = newUser();
    h.fake.refuseChannel(`C0CMD${seq}`, 'not_in_channel');
    await loggedIn(user, MAIN);
    await reviewed(user, '10');
    await user.submit();
    await user.waitForView(page('done'));
    const dm = await h.fake.waitFor((f) => {
      const opened = f.callsTo('conversations.open').find((call) => call.args['users'] === user.actor.userId);
      const channel = (opened?.response['channel'] as { id?: string } | undefined)?.id;
      return channel === undefined ? undefined : f.messagesIn(channel)[0];
    });
    expect(dm.text).toContain('$10.00');
    expect(h.fake.messagesIn(`C0CMD${seq}`)).toHaveLength(0);
  });
});

describe('GET /healthz', () => {
  it('answers 200 once the app is ready', async () => {
    const res = await fetch(`http://127.0.0.1:${h.running.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe('secrets', () => {
  it('no pass phrase in any reply, log or stored byte', async () => {
    await expectNoLeaks(h);
  });
});
