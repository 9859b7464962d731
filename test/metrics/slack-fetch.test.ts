import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observeSlackFetch } from '../../src/metrics/index.ts';
import { clientFor } from '../fake-slack/fixtures.ts';
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack/index.ts';

// A real WebClient against the fake Slack Web API, with the observing fetch the app installs.
let fake: FakeSlack;
let errors: Array<[string, string]>;
const observed = () => ({ fetch: observeSlackFetch((method, error) => errors.push([method, error])) });

beforeEach(async () => {
  fake = await startFakeSlack();
  errors = [];
});
afterEach(async () => {
  await fake.close();
});

describe('observeSlackFetch', () => {
  it('reports nothing for a successful call, and the client still reads the answer', async () => {
    const posted = await clientFor(fake, 'xoxb-test', observed()).chat.postMessage({
      channel: 'C1',
      text: 'hi',
    });
    expect(posted.ok).toBe(true);
    expect(posted.ts).toMatch(/^\d+\.\d+$/);
    expect(errors).toEqual([]);
  });

  it('reports an { ok: false } answer by method and error, and the client still throws it', async () => {
    fake.failNext('views.update', 'not_found');
    const client = clientFor(fake, 'xoxb-test', observed());
    await expect(
      client.views.update({
        view_id: 'V1',
        view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] },
      }),
    ).rejects.toMatchObject({
      data: expect.objectContaining({ ok: false, error: 'not_found' }),
    });
    expect(errors).toEqual([['views.update', 'not_found']]);
  });

  it('reports a 429 as ratelimited', async () => {
    fake.rateLimit('chat.postMessage', { times: 1, retryAfterSec: 1 });
    const client = clientFor(fake, 'xoxb-test', { ...observed(), rejectRateLimitedCalls: true });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'hi' })).rejects.toThrow();
    expect(errors).toEqual([['chat.postMessage', 'ratelimited']]);
  });

  it('reports a call that got no answer as request_error', async () => {
    const client = clientFor(fake, 'xoxb-test', { ...observed(), slackApiUrl: 'http://127.0.0.1:1/api/' });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'hi' })).rejects.toThrow();
    expect(errors).toEqual([['chat.postMessage', 'request_error']]);
  });

  it('reports a non-200 answer as http_error, passing the response on', async () => {
    const inner = async () => new Response('<html>bad gateway</html>', { status: 502 });
    const client = clientFor(fake, 'xoxb-test', {
      fetch: observeSlackFetch((method, error) => errors.push([method, error]), inner),
    });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'hi' })).rejects.toMatchObject({
      code: 'slack_webapi_http_error',
      statusCode: 502,
    });
    expect(errors).toEqual([['chat.postMessage', 'http_error']]);
  });

  it('a successful answer that merely contains "ok": false (in a message) is not reported', async () => {
    const inner = async () =>
      new Response(
        JSON.stringify({ ok: true, ts: '1.2', echo: { text: '{"ok": false}' }, nested: { ok: false } }),
        {
          status: 200,
          headers: { 'content-type': 'application/json' },
        },
      );
    const client = clientFor(fake, 'xoxb-test', {
      fetch: observeSlackFetch((method, error) => errors.push([method, error]), inner),
    });
    const posted = await client.chat.postMessage({ channel: 'C1', text: '{"ok": false}' });
    expect(posted).toMatchObject({ ok: true, ts: '1.2', nested: { ok: false } });
    expect(errors).toEqual([]);
  });
});
