import { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSlackDriver,
  type FakeSlack,
  quietSlackLogger,
  type SlackDriver,
  startFakeSlack,
} from '../helpers/fake-slack/index.ts';
import { registerTinyWizard } from './tiny-app.ts';

let fake: FakeSlack;
let app: App;
let driver: SlackDriver;

beforeAll(async () => {
  fake = await startFakeSlack();
  app = new App({
    token: 'xoxb-test',
    appToken: 'xapp-test',
    socketMode: true,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    tokenVerificationEnabled: false,
    botId: 'B1',
    botUserId: 'U_BOT',
    logger: quietSlackLogger(),
  });
  registerTinyWizard(app);
  await app.start();
  await fake.socket.connected();
  driver = createSlackDriver({ fake, signingSecret: 'unused in socket mode', transport: 'socket' });
});

afterAll(async () => {
  // Stop the app first: a Socket Mode client whose server vanishes keeps trying to reconnect.
  await app.stop();
  await fake.close();
});

describe('driver over Socket Mode against a real Bolt app', () => {
  it('connects through apps.connections.open with the app token', () => {
    expect(fake.callsTo('apps.connections.open')).toEqual([
      expect.objectContaining({ token: 'xapp-test', status: 200 }),
    ]);
  });

  it('round-trips a command, field errors and an update over the socket', async () => {
    const alice = driver.user({ teamId: 'T1', userId: 'U1' });
    const command = await alice.command('/postage', 'buy');
    expect(command).toMatchObject({ status: 200, body: undefined });
    const opened = await alice.waitForView((v) => v.callback_id === 'buy/amount');

    alice.fill('amount', 'value', '1e3');
    await alice.submit();
    expect(alice.lastErrors).toEqual({ amount: 'Enter an amount like 25.00' });

    alice.fill('amount', 'value', '25.00');
    await alice.submit();
    expect(alice.currentView()).toMatchObject({ id: opened.id, callback_id: 'buy/confirm' });
    await expect(alice.command('/postage', 'help')).resolves.toMatchObject({
      body: { text: 'Usage: /postage buy' },
    });
    expect(fake.violations).toEqual([]);
  });
});
