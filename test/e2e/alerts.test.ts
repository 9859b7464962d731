import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEndiciaClient } from '../../src/endicia/index.ts';
import { ACCOUNTS, type Harness, startHarness } from '../helpers/bot-harness.ts';
import type { SlackUser } from '../helpers/fake-slack/index.ts';
import { eventually, expectNoLeaks, loggedIn, page, reviewed } from './support.ts';

// Low-balance alerts through the real app: the /postage alerts command, the monitor's sweeps (run on demand
// here instead of every 900 s), the alert and its edit in the fake Slack, the Buy button, and the owner's DM.
const MAIN = ACCOUNTS.main;
const CHANGED = 'Changed <elsewhere> & "7"';

let h: Harness;
// Users are made from the current driver: a restart moves the bot to a new port.
const ownerIn = (channelId: string): SlackUser =>
  h.driver.user({ teamId: 'T1', userId: 'UOWNER', channelId });
let owner: SlackUser;
beforeAll(async () => {
  h = await startHarness({ overrides: { alerts: { spreadMs: 0, firstSweepDelayMs: 3_600_000 } } });
  owner = ownerIn('CSHIP');
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  expect(h.fake.violations).toEqual([]);
});

const statusCalls = () => h.sim.calls.filter((c) => c.op === 'GetAccountStatus').length;
const messagesIn = (channel: string) => h.fake.messagesIn(channel);

describe('low-balance alerts', () => {
  it('without remembered credentials, says how to remember them', async () => {
    const stranger = h.driver.user({ teamId: 'T1', userId: 'UNOBODY', channelId: 'CSHIP' });
    const reply = await stranger.command('/postage', 'alerts 50');
    expect(JSON.stringify(reply.body)).toMatch(/remember/i);
    expect(await h.running.store.alerts.get('T1', 'CSHIP')).toBeUndefined();
  });

  it('refuses a threshold that is not money', async () => {
    const reply = await owner.command('/postage', 'alerts lots');
    expect(JSON.stringify(reply.body)).toMatch(/amount|threshold/i);
  });

  it('alerts once when the balance is below, stays quiet while low, and edits the alert on recovery', async () => {
    // Remember the account through the wizard (the only way credentials are ever stored).
    await loggedIn(owner, MAIN, { remember: true });
    await owner.close();

    const set = await owner.command('/postage', 'alerts $130');
    expect(JSON.stringify(set.body)).toContain('$130.00');
    // Already below when it is set: the reply says so.
    expect(JSON.stringify(set.body)).toContain(
      'The balance is $120.50 now (already below: an alert follows shortly)',
    );
    // The new subscription is checked at once: $120.50 < $130.00.
    const alert = await h.fake.waitFor(() =>
      messagesIn('CSHIP').find((m) => (m.text ?? '').includes('Low postage')),
    );
    expect(alert.text).toContain('$120.50');
    expect(alert.text).toContain(MAIN.accountId);
    expect(JSON.stringify(alert.blocks)).toContain('alert_buy');

    const before = statusCalls();
    await h.running.monitor.sweep();
    await h.running.monitor.sweep();
    expect(statusCalls()).toBe(before + 2);
    expect(messagesIn('CSHIP').filter((m) => (m.text ?? '').includes('Low postage'))).toHaveLength(1);

    // A purchase through the wizard lifts the balance to $145.50: the alert is edited, not re-posted.
    await loggedIn(owner, { accountId: MAIN.accountId, passPhrase: '' });
    await reviewed(owner, '25');
    await owner.submit();
    await owner.waitForView(page('done'));
    await owner.close();
    const edited = await h.fake.waitFor(() =>
      messagesIn('CSHIP').find((m) => m.ts === alert.ts && (m.text ?? '').includes('Recovered')),
    );
    expect(edited.text).toContain('$145.50');
    expect(messagesIn('CSHIP').filter((m) => (m.text ?? '').includes('Low postage'))).toHaveLength(0);
    await eventually(
      async () => (await h.running.store.alerts.get('T1', 'CSHIP'))?.state === 'armed',
      're-armed',
    );
  });

  it('shows the settings and alerts again when the balance falls below a new threshold', async () => {
    await owner.command('/postage', 'alerts 200');
    const again = await h.fake.waitFor(() =>
      messagesIn('CSHIP').find((m) => (m.text ?? '').includes('Low postage')),
    );
    expect(again.text).toContain('$200.00');
    const shownSettings = await owner.command('/postage', 'alerts');
    expect(JSON.stringify(shownSettings.body)).toContain('$200.00');
  });

  it('one status call per account per sweep, however many channels watch it; the state survives a restart', async () => {
    const second = ownerIn('CSECOND');
    await second.command('/postage', 'alerts 300');
    await h.fake.waitFor(() => messagesIn('CSECOND').find((m) => (m.text ?? '').includes('Low postage')));

    await h.restart();
    owner = ownerIn('CSHIP');
    const before = statusCalls();
    const report = await h.running.monitor.sweep();
    expect(report.statusCalls).toBe(1);
    expect(statusCalls()).toBe(before + 1);
    // Restarted, still low: nothing is repeated in either channel.
    expect(messagesIn('CSHIP').filter((m) => (m.text ?? '').includes('Low postage'))).toHaveLength(1);
    expect(messagesIn('CSECOND').filter((m) => (m.text ?? '').includes('Low postage'))).toHaveLength(1);
  });

  it('the Buy postage button opens the wizard for whoever clicks it, account number prefilled', async () => {
    const alert = messagesIn('CSHIP').find((m) => (m.text ?? '').includes('Low postage'));
    expect(alert).toBeDefined();
    const colleague = h.driver.user({ teamId: 'T1', userId: 'UCOLLEAGUE', channelId: 'CSHIP' });
    await colleague.clickMessageButton('CSHIP', alert?.ts ?? '', 'alert_buy');
    const opened = await colleague.waitForView(page('account'));
    expect(JSON.stringify(opened)).toContain(MAIN.accountId);
    // The colleague remembers nothing: the pass phrase is required, nobody else's is used.
    expect(JSON.stringify(opened)).not.toContain('Leave blank');
    await colleague.close();
  });

  it('a pass phrase changed outside the bot costs at most one failed login and one DM, until a new login', async () => {
    const outside = createEndiciaClient({
      baseUrl: h.running.endiciaUrl,
      requesterId: 'lxxx',
      timeoutMs: 5_000,
    });
    await outside.changePassPhrase({ accountId: MAIN.accountId, passPhrase: MAIN.passPhrase }, CHANGED);

    const failedBefore = h.sim.calls.filter((c) => c.op === 'GetAccountStatus' && c.status === 12507).length;
    await h.running.monitor.sweep();
    await h.running.monitor.sweep();
    await h.running.monitor.sweep();
    const failed =
      h.sim.calls.filter((c) => c.op === 'GetAccountStatus' && c.status === 12507).length - failedBefore;
    expect(failed).toBe(1);
    expect(h.sim.account(MAIN.accountId)?.status).toBe('active');
    const dms = await h.fake.waitFor(() => {
      const found = [...h.fake.messages.entries()]
        .filter(([channel]) => channel.startsWith('D'))
        .flatMap(([, m]) => m);
      return found.length > 0 ? found : undefined;
    });
    expect(dms).toHaveLength(1);
    expect(dms[0]?.text).toContain(MAIN.accountId);

    // The channels are told, once each, and `/postage alerts` shows the truth: paused, why, who can fix it.
    const pausedIn = (channel: string) =>
      messagesIn(channel).filter((m) => (m.text ?? '').includes('are paused'));
    await h.fake.waitFor(() =>
      pausedIn('CSHIP').length === 1 && pausedIn('CSECOND').length === 1 ? true : undefined,
    );
    expect(pausedIn('CSHIP')[0]?.text).toContain("Endicia refused <@UOWNER>'s remembered pass phrase");
    const settings = JSON.stringify((await owner.command('/postage', 'alerts')).body);
    expect(settings).toContain('Paused: not checked');
    expect(settings).not.toContain('Watching');
    expect(settings).toContain('<@UOWNER> can resume it');

    // `/postage balance` does not try the refused phrase either.
    const calls = h.sim.calls.length;
    await owner.command('/postage', 'balance');
    expect(h.sim.calls.length).toBe(calls);

    // Logging in again with the new phrase (and Remember) resumes monitoring by itself.
    await loggedIn(owner, { accountId: MAIN.accountId, passPhrase: CHANGED }, { remember: true });
    await owner.close();
    const before = statusCalls();
    await h.running.monitor.sweep();
    expect(statusCalls()).toBe(before + 1);
    expect(JSON.stringify((await owner.command('/postage', 'alerts')).body)).not.toContain('Paused');
    expect(pausedIn('CSHIP')).toHaveLength(1);
    await expectNoLeaks(h, [MAIN.passPhrase, CHANGED]);
  });

  it('a 429 on an alert is waited out in its own queue, never in front of the wizard', async () => {
    const team = h.driver.user({ teamId: 'T1', userId: 'UOWNER', channelId: 'CRATE' });
    h.fake.rateLimit('chat.postMessage', { times: 1, retryAfterSec: 1 });
    await team.command('/postage', 'alerts 500');
    // While the alert waits out Retry-After, the wizard answers as fast as ever.
    const opened = await owner.command('/postage', 'buy');
    expect(opened.ackMs).toBeLessThan(1_000);
    await owner.waitForView(page('account'));
    await owner.close();
    const alert = await h.fake.waitFor(() =>
      messagesIn('CRATE').find((m) => (m.text ?? '').includes('Low postage')),
    );
    expect(alert.text).toContain('$500.00');
    const attempts = h.fake.callsTo('chat.postMessage').filter((c) => c.args['channel'] === 'CRATE');
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
  });

  it('crosses, stays low, recovers, and falls again with labels printed elsewhere (the real simulator)', async () => {
    const fall = ownerIn('CFALL');
    const lows = () => messagesIn('CFALL').filter((m) => (m.text ?? '').includes('Low postage'));
    const balance = () => h.sim.account(MAIN.accountId)?.balanceMils ?? 0;
    const threshold = balance() - 5_000; // $5.00 under the current balance: armed, no alert yet
    await fall.command('/postage', `alerts ${threshold / 1000}`);
    await h.running.monitor.sweep();
    expect(lows()).toHaveLength(0);

    h.sim.printPostage(MAIN.accountId, '10'); // crosses below
    await h.running.monitor.sweep();
    await h.fake.waitFor(() => lows()[0]);
    h.sim.printPostage(MAIN.accountId, '1'); // still low: nothing new
    await h.running.monitor.sweep();
    expect(lows()).toHaveLength(1);

    await loggedIn(fall, { accountId: MAIN.accountId, passPhrase: '' }); // recovers by a purchase
    await reviewed(fall, '25');
    await fall.submit();
    await fall.waitForView(page('done'));
    await fall.close();
    await h.fake.waitFor(() => messagesIn('CFALL').find((m) => (m.text ?? '').includes('Recovered')));

    h.sim.printPostage(MAIN.accountId, '30'); // falls again: a new alert
    await h.running.monitor.sweep();
    await h.fake.waitFor(() => (lows().length === 1 ? lows() : undefined));
    // In the channel: the first alert (edited to "Recovered"), the purchase's receipt, and the new alert;
    // the recovery's follow-up went in the first alert's thread.
    const all = messagesIn('CFALL');
    const first = all.find((m) => (m.text ?? '').includes('Recovered') && m.threadTs === undefined);
    const replies = all.filter((m) => m.threadTs !== undefined);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.threadTs).toBe(first?.ts);
    // The edit keeps what the alert said: how low, since when.
    expect(first?.text).toContain('Was below the alert threshold');
    expect(first?.text).toMatch(/last read at \*\$[\d,]+\.\d\d\*/);
    const texts = all.filter((m) => m.threadTs === undefined).map((m) => m.text ?? '');
    expect(texts).toHaveLength(3);
    expect(texts.filter((t) => t.includes('Recovered'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Low postage'))).toHaveLength(1);
  });

  it('alerts off by someone else posts who did it and how to turn it back on', async () => {
    const watched = ownerIn('COFF');
    await watched.command('/postage', 'alerts 60');
    const colleague = h.driver.user({ teamId: 'T1', userId: 'UCOLLEAGUE', channelId: 'COFF' });
    await colleague.command('/postage', 'alerts off');
    const note = await h.fake.waitFor(() =>
      messagesIn('COFF').find((m) => (m.text ?? '').includes('turned off')),
    );
    expect(note.text).toContain('<@UCOLLEAGUE> turned off the low-balance alerts');
    expect(note.text).toContain('(set up by <@UOWNER>)');
    expect(note.text).toContain('`/postage alerts $60.00`');
    // Its owner turning it off needs no note.
    await watched.command('/postage', 'alerts 60');
    await watched.command('/postage', 'alerts off');
    expect(messagesIn('COFF').filter((m) => (m.text ?? '').includes('turned off'))).toHaveLength(1);
  });

  it("forget pauses the owner's alerts: the channel is told once, `/postage alerts` says paused and why", async () => {
    const person = h.driver.user({ teamId: 'T1', userId: 'UFORGET', channelId: 'CFORGET' });
    await loggedIn(person, { accountId: MAIN.accountId, passPhrase: CHANGED }, { remember: true });
    await person.close();
    await person.command('/postage', 'alerts 1');
    const forgot = JSON.stringify((await person.command('/postage', 'forget')).body);
    expect(forgot).toContain('are deleted');
    expect(forgot).toContain('<#CFORGET> are paused');
    const note = await h.fake.waitFor(() =>
      messagesIn('CFORGET').find((m) => (m.text ?? '').includes('are paused')),
    );
    expect(note.text).toContain("<@UFORGET>'s login for account");
    const settings = JSON.stringify((await person.command('/postage', 'alerts')).body);
    expect(settings).toContain('Paused: not checked');
    expect(settings).toContain('is no longer remembered');

    // Run again: one true statement, and no second note in the channel.
    const again = JSON.stringify((await person.command('/postage', 'forget')).body);
    expect(again).toContain(
      'Nothing is remembered for you, so the low-balance alerts you set up in <#CFORGET> are paused',
    );
    expect(again).not.toContain('nothing to delete');
    expect(messagesIn('CFORGET').filter((m) => (m.text ?? '').includes('are paused'))).toHaveLength(1);
  });

  it('alerts off stops the channel', async () => {
    const off = await owner.command('/postage', 'alerts off');
    expect(JSON.stringify(off.body)).toMatch(/off|stopped/i);
    expect(await h.running.store.alerts.get('T1', 'CSHIP')).toBeUndefined();
  });
});
