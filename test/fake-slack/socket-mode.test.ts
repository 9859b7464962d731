import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  type FakeSlack,
  SocketAckTimeoutError,
  SocketNotConnectedError,
  startFakeSlack,
} from '../helpers/fake-slack/index.ts';
import { clientFor } from './fixtures.ts';

let fake: FakeSlack;
const sockets: WebSocket[] = [];

beforeEach(async () => {
  fake = await startFakeSlack();
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await fake.close();
});

async function connectionUrl(): Promise<string> {
  const res = await clientFor(fake, 'xapp-test').apps.connections.open({});
  return res.url ?? '';
}

interface Received {
  type?: unknown;
  envelope_id?: unknown;
  [key: string]: unknown;
}

/** A raw WebSocket client that collects every message it receives. */
async function connect(url: string): Promise<{ ws: WebSocket; received: Received[] }> {
  const ws = new WebSocket(url);
  sockets.push(ws);
  const received: Received[] = [];
  ws.on('message', (data) => received.push(JSON.parse(String(data))));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, received };
}

describe('Socket Mode', () => {
  it('hands out a ws URL for an app token and greets the connection with hello', async () => {
    const url = await connectionUrl();
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/socket\?ticket=/);
    const { received } = await connect(url);
    await fake.socket.connected();
    await fake.waitFor(() => received.length > 0);
    expect(received[0]).toMatchObject({
      type: 'hello',
      num_connections: 1,
      connection_info: { app_id: 'A0FAKE' },
    });
    expect(fake.socket.isConnected).toBe(true);
  });

  it('sends envelopes and resolves with the app’s ack', async () => {
    const { ws, received } = await connect(await connectionUrl());
    ws.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.envelope_id !== undefined) {
        ws.send(JSON.stringify({ envelope_id: message.envelope_id, payload: { text: 'Opening…' } }));
      }
    });
    const ack = await fake.socket.send(
      'slash_commands',
      { command: '/postage' },
      { acceptsResponsePayload: true },
    );
    const envelope = received.find((m) => m.type === 'slash_commands');
    expect(envelope).toMatchObject({ payload: { command: '/postage' }, accepts_response_payload: true });
    expect(ack).toEqual({ envelope_id: envelope?.envelope_id, payload: { text: 'Opening…' } });
  });

  it('times out when the app never acks', async () => {
    await connect(await connectionUrl());
    await expect(
      fake.socket.send('interactive', { type: 'block_actions' }, { timeoutMs: 100 }),
    ).rejects.toBeInstanceOf(SocketAckTimeoutError);
  });

  it('refuses to send without a connection and refuses a reused ticket', async () => {
    await expect(fake.socket.send('events_api', {})).rejects.toBeInstanceOf(SocketNotConnectedError);
    const url = await connectionUrl();
    await connect(url);
    await expect(connect(url)).rejects.toThrow(/401/);
  });

  it('answers the client’s pings with pongs and can ask it to reconnect', async () => {
    const { ws, received } = await connect(await connectionUrl());
    const pong = new Promise<string>((resolve) => ws.once('pong', (data) => resolve(String(data))));
    ws.ping('Ping from client');
    await expect(pong).resolves.toBe('Ping from client');
    expect(fake.socket.pings).toBe(1);
    fake.socket.disconnect();
    await fake.waitFor(() => received.find((m) => m.type === 'disconnect'));
  });
});
