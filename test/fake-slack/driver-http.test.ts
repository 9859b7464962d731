import type { Server } from 'node:http';
import { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSlackDriver,
  type FakeSlack,
  quietSlackLogger,
  type SlackDriver,
  startFakeSlack,
} from '../helpers/fake-slack/index.ts';
import { registerTinyWizard, type TinyAppLog } from './tiny-app.ts';

const SIGNING_SECRET = 'fake-signing-secret <not real> & "quoted"';
let fake: FakeSlack;
let app: App;
let log: TinyAppLog;
let driver: SlackDriver;

beforeAll(async () => {
  fake = await startFakeSlack();
  app = new App({
    token: 'xoxb-test',
    signingSecret: SIGNING_SECRET,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    tokenVerificationEnabled: false,
    botId: 'B1',
    botUserId: 'U_BOT',
    logger: quietSlackLogger(),
  });
  log = registerTinyWizard(app);
  const server: Server = await app.start({ port: 0, host: '127.0.0.1' });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  driver = createSlackDriver({
    fake,
    botUrl: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: SIGNING_SECRET,
  });
});

afterAll(async () => {
  await app.stop();
  await fake.close();
});

describe('driver over HTTP against a real Bolt app', () => {
  it('runs the wizard: command → modal → field errors → update → push → close → submit → message button', async () => {
    const alice = driver.user({ teamId: 'T1', userId: 'U1' });

    const command = await alice.command('/postage', 'buy');
    expect(command).toMatchObject({ status: 200, body: undefined });
    expect(command.ackMs).toBeLessThan(3000);
    const amountView = await alice.waitForView((v) => v.callback_id === 'buy/amount');
    expect(fake.callsTo('views.open')[0]?.args).toMatchObject({ trigger_id: command.triggerId });

    alice.fill('amount', 'value', 'twenty');
    const rejected = await alice.submit();
    expect(rejected.response).toEqual({
      response_action: 'errors',
      errors: { amount: 'Enter an amount like 25.00' },
    });
    expect(alice.lastErrors).toEqual({ amount: 'Enter an amount like 25.00' });
    expect(alice.currentView()?.id).toBe(amountView.id);

    alice.fill('amount', 'value', '25.00');
    const accepted = await alice.submit();
    expect(accepted.status).toBe(200);
    expect(alice.lastErrors).toBeUndefined();
    const confirm = alice.currentView();
    expect(confirm).toMatchObject({ id: amountView.id, callback_id: 'buy/confirm' });
    expect(confirm?.hash).not.toBe(amountView.hash);
    expect(JSON.stringify(confirm?.blocks)).toContain('$25.00');
    expect(log.submittedMetadata).toEqual(['session-42', 'session-42']);

    await alice.click('details');
    const details = await alice.waitForView((v) => v.callback_id === 'buy/details');
    expect(fake.views.stackOf(alice.key)).toHaveLength(2);
    await alice.close();
    expect(log.closedViews).toEqual([details.id]);
    expect(alice.currentView()?.callback_id).toBe('buy/confirm');

    await alice.submit();
    expect(alice.currentView()).toBeUndefined();
    const receipt = await fake.waitFor((f) => f.messagesIn('C0GENERAL')[0]);
    await alice.clickMessageButton('C0GENERAL', receipt.ts, 'buy_again');
    await fake.waitFor(() => alice.responses().length > 0);
    expect(alice.responses()).toEqual([{ text: 'Type /postage buy to buy again' }]);

    expect(fake.violations).toEqual([]);
  });

  it('reads a string ack as text and sees respond() on the response URL', async () => {
    const bob = driver.user({ teamId: 'T1', userId: 'U2' });
    await expect(bob.command('/postage', 'help')).resolves.toMatchObject({
      status: 200,
      body: { text: 'Usage: /postage buy' },
    });
    const balance = await bob.command('/postage', 'balance');
    await fake.waitFor((f) => f.responses(balance.responseUrl)[0]);
    expect(fake.responses(balance.responseUrl)).toEqual([{ text: 'Balance: $30.00' }]);
  });

  it('is refused by Bolt when unsigned, forged or stale', async () => {
    const mallory = driver.user({ teamId: 'T1', userId: 'U3' });
    const opened = fake.callsTo('views.open').length;
    const body = mallory.commandBody('/postage', 'buy');
    await expect(mallory.postUnsigned(body)).resolves.toMatchObject({ status: 401 });
    await expect(mallory.postForged(body)).resolves.toMatchObject({ status: 401 });
    await expect(mallory.postStale(body)).resolves.toMatchObject({ status: 401 });
    expect(fake.callsTo('views.open')).toHaveLength(opened);
    expect(mallory.currentView()).toBeUndefined();
  });
});
