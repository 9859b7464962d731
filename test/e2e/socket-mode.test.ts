import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, type Harness, startHarness } from '../helpers/bot-harness.ts';
import { expectNoLeaks, loggedIn, page, reviewed, shown } from './support.ts';

const MAIN = ACCOUNTS.main;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ transport: 'socket' });
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  h.sim.setLatency(0);
  expect(h.fake.violations).toEqual([]);
});

describe('the wizard over Socket Mode', () => {
  it('connects through apps.connections.open and runs the whole wizard with envelopes and acks', async () => {
    expect(h.driver.transport).toBe('socket');
    expect(h.fake.socket.isConnected).toBe(true);
    expect(h.fake.callsTo('apps.connections.open').length).toBeGreaterThanOrEqual(1);

    const user = h.driver.user({ teamId: 'T1', userId: 'U0SOCKET', channelId: 'C0SOCKET' });
    const opened = await user.command('/postage', 'buy 20');
    expect(opened.ackMs).toBeLessThan(3000);
    await user.waitForView(page('account'));
    user.fill('account_id', 'account_id', MAIN.accountId);
    user.fill('pass_phrase', 'pass_phrase', MAIN.passPhrase);
    const login = await user.submit();
    expect(login.ackMs).toBeLessThan(3000);
    expect(shown(await user.waitForView(page('details')))).toContain('$120.50');

    await user.submit();
    expect(shown(await user.waitForView(page('confirming')))).toContain('$20.00');
    await user.submit();
    expect(shown(await user.waitForView(page('done')))).toContain('$140.50');
    expect(h.sim.account(MAIN.accountId)?.recredits).toBe(1);
    const receipt = await h.fake.waitFor((f) => f.messagesIn('C0SOCKET')[0]);
    expect(receipt.text).toContain('$20.00');
    await user.close();
    expect(user.currentView()).toBeUndefined();

    // Slash-command replies are ack payloads over the socket too.
    const help = await user.command('/postage', 'help');
    expect(JSON.stringify(help.body)).toContain('/postage buy');
  });

  it('slow Endicia over the socket: the working page in the ack, the result by views.update', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0SOCKSLOW', channelId: 'C0SOCKSLOW' });
    await loggedIn(user, MAIN);
    await reviewed(user, '10');
    h.sim.setLatency(1500);
    const confirm = await user.submit();
    expect(confirm.ackMs).toBeLessThan(3000);
    expect(user.currentView()?.callback_id).toBe('postage/purchasing');
    await user.waitForView(page('done'));
  });

  it('a restart reconnects, and the open modal carries on', async () => {
    await loggedIn(h.driver.user({ teamId: 'T1', userId: 'U0SOCKRESTART' }), MAIN);
    const { drained } = await h.restart();
    expect(drained).toBe(true);
    const user = h.driver.user({ teamId: 'T1', userId: 'U0SOCKRESTART' });
    await reviewed(user, '10');
  });

  it('still serves GET /healthz on PORT (no public URL needed for Slack, but the orchestrator probes it)', async () => {
    const res = await fetch(`http://127.0.0.1:${h.running.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('leaks no pass phrase anywhere', async () => {
    await expectNoLeaks(h);
  });
});
