import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { silentLogger } from '../../src/lib/logger.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { describePostgres, useTestDatabase, withClient } from '../helpers/postgres.ts';
import { captureLogger, credentials, KEY_A, KEY_B, purchase } from './helpers/fixtures.ts';

const PASSWORD = 'hunter2-not-a-real-password';

/** A TCP relay to PostgreSQL that can be cut (every connection dropped, port closed) and restored. */
async function relay(target: URL): Promise<{ port: number; cut(): Promise<void>; restore(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = tcpConnect(Number(target.port || 5432), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        const address = server?.address();
        if (address && typeof address === 'object') port = address.port;
        resolve();
      });
    });
  await listen();
  return {
    port,
    cut: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server?.close(() => resolve());
      }),
    restore: listen,
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 1;
}

async function eventually<T>(fn: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const everything = (error: unknown) =>
  `${String(error)} ${JSON.stringify(error)} ${String((error as Error)?.cause)}`;

describePostgres('PostgreSQL faults', () => {
  const database = useTestDatabase();
  const opened: Store[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close().catch(() => undefined);
  });

  it('unreachable at start: a start-up error naming POSTAGE_STORE_URL, never its password or host', async () => {
    const url = `postgres://postage:${PASSWORD}@127.0.0.1:${await closedPort()}/postage`;
    const error = await openStore({ url, encryptionKey: KEY_A, logger: silentLogger }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'STORE_OPEN_FAILED' });
    expect(String((error as Error).message)).toContain('POSTAGE_STORE_URL');
    expect(String((error as Error).message)).toContain('ECONNREFUSED');
    expect(everything(error)).not.toContain(PASSWORD);
    expect(everything(error)).not.toContain('127.0.0.1');
  });

  it('refuses a PostgreSQL store without POSTAGE_ENCRYPTION_KEY (a generated key would differ per instance)', async () => {
    await expect(openStore({ url: database.url, logger: silentLogger })).rejects.toMatchObject({
      code: 'STORE_BAD_KEY',
      message: expect.stringContaining('POSTAGE_ENCRYPTION_KEY'),
    });
  });

  it('refuses to start on records sealed with a key it does not hold (STORE_WRONG_KEY), as on SQLite', async () => {
    const first = await openStore({ url: database.url, encryptionKey: KEY_A, logger: silentLogger });
    await first.credentials.set('T1', 'U-wrong-key', credentials());
    await first.close();
    await expect(
      openStore({ url: database.url, encryptionKey: KEY_B, logger: silentLogger }),
    ).rejects.toMatchObject({
      code: 'STORE_WRONG_KEY',
    });
    const again = await openStore({ url: database.url, encryptionKey: KEY_A, logger: silentLogger });
    opened.push(again);
    expect(await again.credentials.get('T1', 'U-wrong-key')).toEqual(credentials());
    await again.credentials.delete('T1', 'U-wrong-key');
  });

  it('connections killed by the server: the pool notices, reconnects, and the next call succeeds', async () => {
    const { logger, records } = captureLogger();
    const store = await openStore({ url: database.url, encryptionKey: KEY_A, logger, poolSize: 3 });
    opened.push(store);
    // Warm up several pooled connections.
    await Promise.all(
      Array.from({ length: 3 }, (_, i) => store.purchases.begin(purchase({ requestId: `w${i}` }))),
    );
    const killed = await withClient(database.url, async (client) => {
      const { rows } = await client.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      );
      return rows.length;
    });
    expect(killed).toBeGreaterThan(0);
    await eventually(async () => {
      expect(records().filter((r) => r.code === 'STORE_CONNECTION_LOST').length).toBe(killed);
    });
    for (const line of records()) expect(JSON.stringify(line)).not.toContain(database.url);
    expect(await store.purchases.begin(purchase({ requestId: 'after' }))).toEqual({ claimed: true });
    await store.ping();
  });

  it('lost while running: ping and operations reject with StoreErrors (no connection data); back when it returns', async () => {
    const target = new URL(database.url);
    const proxy = await relay(target);
    const via = new URL(database.url);
    via.host = `127.0.0.1:${proxy.port}`;
    via.password = PASSWORD;
    via.username = 'postgres';
    const store = await openStore({ url: via.toString(), encryptionKey: KEY_A, logger: silentLogger });
    opened.push(store);
    await store.ping();

    await proxy.cut();
    const ping = await store.ping().catch((e: unknown) => e);
    expect(ping).toMatchObject({ code: 'STORE_READ_FAILED' });
    const claim = await store.purchases.begin(purchase({ requestId: 'during' })).catch((e: unknown) => e);
    expect(claim).toMatchObject({ code: 'STORE_WRITE_FAILED' });
    const login = await store.credentials.get('T1', 'U1').catch((e: unknown) => e);
    expect(login).toMatchObject({ code: 'STORE_READ_FAILED' });
    for (const error of [ping, claim, login]) {
      expect(everything(error)).not.toContain(PASSWORD);
      expect(everything(error)).not.toContain(String(proxy.port));
    }

    await proxy.restore();
    await eventually(() => store.ping());
    expect(await store.purchases.begin(purchase({ requestId: 'during' }))).toEqual({ claimed: true });
    await proxy.cut();
  });
});
