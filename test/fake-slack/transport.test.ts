import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { verifySlackRequest } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackDriver, type FakeSlack, startFakeSlack } from '../helpers/fake-slack/index.ts';

const SECRET = 'transport-secret';
let fake: FakeSlack;
let server: Server;
let botUrl: string;
/** How the hand-made bot answers the next request. */
let respond: (req: IncomingMessage, body: string, res: ServerResponse) => void = (_req, _body, res) =>
  res.end();

beforeAll(async () => {
  fake = await startFakeSlack();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += String(chunk);
    });
    req.on('end', () => respond(req, body, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  botUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/slack/events`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await fake.close();
});

describe('HTTP transport', () => {
  it('posts signed form bodies with the exact content type Bolt expects', async () => {
    let seen: { contentType: string | undefined; body: string; signature: string; ts: string } | undefined;
    respond = (req, body, res) => {
      seen = {
        contentType: req.headers['content-type'],
        body,
        signature: String(req.headers['x-slack-signature']),
        ts: String(req.headers['x-slack-request-timestamp']),
      };
      res.end();
    };
    const user = createSlackDriver({ fake, botUrl, signingSecret: SECRET }).user({
      teamId: 'T1',
      userId: 'U1',
    });
    await user.command('/postage', 'buy 25');
    expect(seen?.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(seen?.body))).toMatchObject({
      command: '/postage',
      text: 'buy 25',
    });
    const headers = {
      'x-slack-signature': seen?.signature ?? '',
      'x-slack-request-timestamp': Number(seen?.ts),
    };
    expect(() =>
      verifySlackRequest({ signingSecret: SECRET, body: seen?.body ?? '', headers }),
    ).not.toThrow();
  });

  it('records acks slower than the budget and non-200 answers as violations', async () => {
    const driver = createSlackDriver({ fake, botUrl, signingSecret: SECRET, ackBudgetMs: 1_000 });
    const user = driver.user({ teamId: 'T1', userId: 'U1' });
    respond = (_req, _body, res) => setTimeout(() => res.end(), 1_200);
    const slow = await user.command('/postage', 'buy');
    expect(slow.ackMs).toBeGreaterThanOrEqual(1_150);
    respond = (_req, _body, res) => {
      res.writeHead(500);
      res.end();
    };
    expect((await user.command('/postage', 'buy')).status).toBe(500);
    expect(fake.violations).toEqual([
      { where: 'ack:slash_commands', message: expect.stringMatching(/^\[ERROR\] ack after \d+ ms/) },
      { where: 'ack:slash_commands', message: '[ERROR] app answered HTTP 500; Slack shows an error' },
    ]);
  });
});
