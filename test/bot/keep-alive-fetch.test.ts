import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keepAliveFetch } from '../../src/bot/keep-alive-fetch.ts';
import { observeSlackFetch } from '../../src/metrics/index.ts';
import { clientFor } from '../fake-slack/fixtures.ts';
import { type FakeSlack, startFakeSlack } from '../helpers/fake-slack/index.ts';

// The WebClient's fetch on node:http with kept-alive connections, against the fake Slack Web API (its
// real wire format) and a bare server that counts connections.
let fake: FakeSlack;
beforeEach(async () => {
  fake = await startFakeSlack();
});
afterEach(async () => {
  await fake.close();
});

async function countingServer(answer: (body: string) => { status: number; body: string; type?: string }) {
  let connections = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const reply = answer(body);
      res.writeHead(reply.status, { 'content-type': reply.type ?? 'application/json; charset=utf-8' });
      res.end(reply.body);
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('keepAliveFetch (the WebClient over node:http)', () => {
  it('carries a real WebClient call and its answer, and an { ok: false } answer still throws', async () => {
    const client = clientFor(fake, 'xoxb-test', { fetch: keepAliveFetch });
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'héllo ✓' });
    expect(posted.ok).toBe(true);
    expect(fake.callsTo('chat.postMessage')[0]?.args['text']).toBe('héllo ✓');
    fake.failNext('views.update', 'not_found');
    await expect(
      client.views.update({
        view_id: 'V1',
        view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] },
      }),
    ).rejects.toMatchObject({ data: expect.objectContaining({ ok: false, error: 'not_found' }) });
  });

  it('reuses one connection for calls one after another', async () => {
    const server = await countingServer(() => ({ status: 200, body: '{"ok":true,"ts":"1.2"}' }));
    try {
      const client = clientFor(fake, 'xoxb-test', { fetch: keepAliveFetch, slackApiUrl: server.url });
      for (let i = 0; i < 5; i++) await client.chat.postMessage({ channel: 'C1', text: `n${i}` });
      expect(server.connections()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('hands status, headers and body over as the WebClient reads them (a non-200 is an HTTP error)', async () => {
    const server = await countingServer(() => ({
      status: 502,
      body: '<html>bad gateway</html>',
      type: 'text/html',
    }));
    try {
      const response = await keepAliveFetch(`${server.url}chat.postMessage`, { method: 'POST', body: 'a=1' });
      expect(response.status).toBe(502);
      expect(response.ok).toBe(false);
      expect(response.headers.get('Content-Type')).toBe('text/html');
      expect(await response.text()).toBe('<html>bad gateway</html>');
      const client = clientFor(fake, 'xoxb-test', { fetch: keepAliveFetch, slackApiUrl: server.url });
      await expect(client.chat.postMessage({ channel: 'C1', text: 'hi' })).rejects.toMatchObject({
        code: 'slack_webapi_http_error',
        statusCode: 502,
      });
    } finally {
      await server.close();
    }
  });

  it('a call that gets no answer rejects (the metrics count it as request_error)', async () => {
    const errors: Array<[string, string]> = [];
    const client = clientFor(fake, 'xoxb-test', {
      fetch: observeSlackFetch((method, error) => errors.push([method, error]), keepAliveFetch),
      slackApiUrl: 'http://127.0.0.1:1/api/',
    });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'hi' })).rejects.toThrow();
    expect(errors).toEqual([['chat.postMessage', 'request_error']]);
  });

  it('an aborted call rejects', async () => {
    const server = await countingServer(() => ({ status: 200, body: '{"ok":true}' }));
    try {
      const controller = new AbortController();
      controller.abort();
      await expect(
        keepAliveFetch(`${server.url}auth.test`, { method: 'POST', body: '', signal: controller.signal }),
      ).rejects.toThrow();
    } finally {
      await server.close();
    }
  });
});
