import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTransport } from '../../src/endicia/transport.ts';

// A plain loopback server that counts TCP connections: which calls reuse one and which never do.
let server: Server | null = null;
afterEach(async () => {
  const open = server;
  server = null;
  if (open) await new Promise<void>((resolve) => open.close(() => resolve()));
});

async function countingServer(): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  const started = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end('<AccountStatusResponse><Status>0</Status></AccountStatusResponse>');
    });
  });
  started.keepAliveTimeout = 10_000;
  started.on('connection', () => {
    connections++;
  });
  await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
  server = started;
  const { port } = started.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/LabelService/EwsLabelService.asmx`,
    connections: () => connections,
  };
}

describe('Endicia transport connections', () => {
  it('status reads reuse one keep-alive connection', async () => {
    const { url, connections } = await countingServer();
    const send = createTransport({ baseUrl: url, timeoutMs: 5_000 });
    for (let i = 0; i < 3; i++) await send('GetAccountStatus', '<AccountStatusRequest/>');
    expect(connections()).toBe(1);
  });

  it('purchases and pass-phrase changes always open a fresh connection (never a stale socket)', async () => {
    const { url, connections } = await countingServer();
    const send = createTransport({ baseUrl: url, timeoutMs: 5_000 });
    await send('GetAccountStatus', '<AccountStatusRequest/>');
    await send('BuyPostage', '<RecreditRequest/>');
    await send('BuyPostage', '<RecreditRequest/>');
    await send('ChangePassPhrase', '<ChangePassPhraseRequest/>');
    expect(connections()).toBe(4);
  });
});
