import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback load balancer: each request goes to the next of `ports`, in turn (as Slack meets replicas). */
export interface RoundRobin {
  url: string;
  /** Requests each port received. */
  readonly counts: number[];
  close(): Promise<void>;
}

export async function startRoundRobin(ports: () => readonly number[]): Promise<RoundRobin> {
  let next = 0;
  const counts: number[] = [];
  const server = createServer((req, res) => {
    const targets = ports();
    const index = next % targets.length;
    next += 1;
    counts[index] = (counts[index] ?? 0) + 1;
    const upstream = request(
      {
        host: '127.0.0.1',
        port: targets[index],
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
