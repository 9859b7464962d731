import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { SocketAckTimeoutError, SocketNotConnectedError } from './errors.ts';
import type { IdFactory } from './ids.ts';
import { field, get, type JsonObject, objectOf, tryParseJson } from './json.ts';
import type { Recorder } from './recorder.ts';
import { waitFor } from './wait-for.ts';

/** Envelope types Slack sends over Socket Mode (slack-platform.md §3.6). */
export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface EnvelopeOptions {
  /** Slack sets this for slash commands and view submissions (the ack may carry a body). */
  acceptsResponsePayload?: boolean;
  /** How long to wait for the ack (default 10 s; Slack itself gives up after 3 s). */
  timeoutMs?: number;
}

/** What the app sent back: `{envelope_id, payload}` (payload is the ack body). */
export interface SocketAck {
  envelope_id: string;
  payload?: JsonObject;
}

/** The fake's Socket Mode side, as tests see it. */
export interface FakeSocketMode {
  readonly isConnected: boolean;
  /** How many WebSocket pings the fake answered (ws answers them with pongs). */
  readonly pings: number;
  /** Resolves once an app is connected and has been sent `hello`. */
  connected(timeoutMs?: number): Promise<void>;
  /** Sends an envelope to the newest connection; resolves with the app's ack. */
  send(type: EnvelopeType, payload: JsonObject, options?: EnvelopeOptions): Promise<SocketAck>;
  /** Asks connected apps to reconnect (`{type:'disconnect'}`), as Slack does when recycling. */
  disconnect(reason?: string): void;
}

/** The server's hooks into Socket Mode. */
export interface SocketModeServer extends FakeSocketMode {
  /** A fresh single-use connection URL for apps.connections.open. */
  issueUrl(): string;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

export interface SocketModeOptions {
  ids: IdFactory;
  appId: string;
  recorder: Recorder;
  /** `ws://127.0.0.1:PORT` once the server listens. */
  wsBase: () => string;
}

/** Creates the Socket Mode endpoint (`/socket`), speaking the protocol @slack/socket-mode expects. */
export function createSocketMode({ ids, appId, recorder, wsBase }: SocketModeOptions): SocketModeServer {
  const wss = new WebSocketServer({ noServer: true });
  const tickets = new Set<string>();
  const sockets: WebSocket[] = [];
  const pending = new Map<string, { settle: (ack: SocketAck) => void; abort: () => void }>();
  let pings = 0;

  const open = (): WebSocket[] => sockets.filter((s) => s.readyState === s.OPEN);
  const onMessage = (data: unknown): void => {
    const message = objectOf(tryParseJson(String(data)));
    const envelopeId = field(message, 'envelope_id');
    const waiter = envelopeId === undefined ? undefined : pending.get(envelopeId);
    if (message === undefined || envelopeId === undefined || waiter === undefined) return;
    pending.delete(envelopeId);
    const payload = objectOf(get(message, 'payload'));
    waiter.settle(payload === undefined ? { envelope_id: envelopeId } : { envelope_id: envelopeId, payload });
  };
  wss.on('connection', (ws) => {
    sockets.push(ws);
    ws.on('message', onMessage);
    ws.on('ping', () => {
      pings += 1;
    });
    ws.on('close', () => recorder.changed());
    const debugInfo = { host: 'fake-slack', build_number: 1, approximate_connection_time: 18060 };
    const hello = {
      type: 'hello',
      num_connections: open().length,
      debug_info: debugInfo,
      connection_info: { app_id: appId },
    };
    ws.send(JSON.stringify(hello), () => recorder.changed());
  });

  return {
    get isConnected() {
      return open().length > 0;
    },
    get pings() {
      return pings;
    },
    connected: async (timeoutMs = 10_000) => {
      await waitFor(() => open().length > 0, recorder.subscribe, {
        timeoutMs,
        description: 'a Socket Mode connection',
      });
    },
    send: (type, payload, options = {}) => {
      const socket = open().at(-1);
      if (socket === undefined) return Promise.reject(new SocketNotConnectedError());
      const envelopeId = crypto.randomUUID();
      const timeoutMs = options.timeoutMs ?? 10_000;
      const envelope: JsonObject = {
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: options.acceptsResponsePayload ?? false,
        ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
      };
      return new Promise<SocketAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelopeId);
          reject(new SocketAckTimeoutError(type, timeoutMs));
        }, timeoutMs);
        pending.set(envelopeId, {
          settle: (ack) => {
            clearTimeout(timer);
            resolve(ack);
            recorder.changed();
          },
          abort: () => {
            clearTimeout(timer);
            reject(new SocketNotConnectedError());
          },
        });
        socket.send(JSON.stringify(envelope));
      });
    },
    disconnect: (reason = 'refresh_requested') => {
      for (const socket of open()) socket.send(JSON.stringify({ type: 'disconnect', reason }));
    },
    issueUrl: () => {
      const ticket = ids.token();
      tickets.add(ticket);
      return `${wsBase()}/socket?ticket=${ticket}&app_id=${appId}`;
    },
    handleUpgrade: (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const ticket = url.searchParams.get('ticket') ?? '';
      // NOTE: tickets are single-use, like Slack's; a reconnect must call apps.connections.open again.
      if (url.pathname !== '/socket' || !tickets.delete(ticket)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close: () => {
      for (const waiter of pending.values()) waiter.abort();
      pending.clear();
      for (const socket of sockets) socket.terminate();
      wss.close();
    },
  };
}
