import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { WebClientOptions } from '@slack/web-api';

type FetchFunction = NonNullable<WebClientOptions['fetch']>;
type FetchResponse = Awaited<ReturnType<FetchFunction>>;

// One pool of kept-alive connections per protocol for every WebClient of the process.
const AGENTS = {
  'http:': new HttpAgent({ keepAlive: true }),
  'https:': new HttpsAgent({ keepAlive: true }),
};

/**
 * The WebClient's `fetch` on `node:http(s)` with kept-alive connections. Node's global `fetch` (undici)
 * cost about 2 ms of CPU per Slack call in issue 17's burst profile (web streams, Headers, a body tee),
 * a fifth of the bot's CPU at five calls per wizard; this reads each answer once into a string.
 *
 * Only what the WebClient sends goes this way: a string body (form-encoded or JSON). File uploads
 * (a FormData body) are left to the global `fetch`. Like `fetch`, it never retries: the WebClient's own
 * retry policy decides.
 */
export const keepAliveFetch: FetchFunction = (url, init) => {
  if (init?.body !== undefined && typeof init.body !== 'string') return globalThis.fetch(url, init);
  const target = new URL(String(url));
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<FetchResponse>((resolve, reject) => {
    const req = request(
      target,
      {
        method: init?.method ?? 'GET',
        headers: init?.headers ?? {},
        agent: target.protocol === 'https:' ? AGENTS['https:'] : AGENTS['http:'],
        ...(init?.signal ? { signal: init.signal } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => resolve(toResponse(String(url), res, Buffer.concat(chunks))));
      },
    );
    req.on('error', reject);
    req.end(init?.body);
  });
};

/** What the WebClient reads of a response (`FetchResponse`), over a body already read. */
function toResponse(url: string, res: IncomingMessage, body: Buffer): FetchResponse {
  const status = res.statusCode ?? 0;
  const header = (name: string): string | null => {
    const value = res.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  };
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: res.statusMessage ?? '',
    url,
    headers: {
      get: header,
      entries: () => Object.keys(res.headers).map((name): [string, string] => [name, header(name) ?? '']),
    },
    text: async () => body.toString('utf8'),
    json: async () => JSON.parse(body.toString('utf8')),
    arrayBuffer: async () => new Uint8Array(body).buffer,
  };
}
