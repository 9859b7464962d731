import { setMaxListeners } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseDecimal } from '../../lib/money.ts';
import { createAccount, type SimAccount, viewOf } from './accounts.ts';
import { createCallHandler } from './call-handler.ts';
import type { SimContext } from './context.ts';
import { DEMO_ACCOUNTS } from './demo-accounts.ts';
import { SimulatorNotListeningError, SimulatorSeedError } from './errors.ts';
import { createFaultQueue } from './faults.ts';
import { createRequestListener } from './http-server.ts';
import { createLogIds } from './messages.ts';
import { createStateWriter, readSimulatorState, snapshotState } from './state-file.ts';
import type { SimAccountSeed, SimCall, Simulator, SimulatorOptions } from './types.ts';

/** The ASMX base path every route hangs off. */
export const SERVICE_PATH = '/LabelService/EwsLabelService.asmx';

/**
 * Creates a local Endicia Label Server (docs/endicia-els.md §11): accounts in memory (DEMO_ACCOUNTS unless
 * given), kept across restarts in `stateFile` when one is named, POST and GET "…XML" operations,
 * injectable faults. Nothing listens until `listen()`.
 *
 * @throws SimulatorStateError when `stateFile` exists but cannot be read back.
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const accounts = new Map<string, SimAccount>();
  let transactionSeq = 0;
  const ctx: SimContext = {
    accounts,
    tokens: new Map(),
    settings: {
      shape: options.shape ?? 'wsdl2021',
      suspendAfter: options.suspendAfter ?? 5,
      suspendedStatus: options.suspendedStatus ?? 2012,
      parseErrorStatus: options.parseErrorStatus ?? 12201,
      decimalStyle: options.decimalStyle ?? 'dotnet',
    },
    nextLogId: createLogIds(),
    nextTransactionId: () => String(7_100_000_000 + ++transactionSeq),
  };
  // With a state file, the accounts it holds come back as they were left (pass phrases changed, balances
  // spent); seeds only add accounts it does not know yet.
  const saved =
    options.stateFile === undefined ? undefined : readSimulatorState(options.stateFile, options.stateCodec);
  for (const account of saved?.accounts ?? []) accounts.set(account.accountId, account);
  transactionSeq = saved?.transactionSeq ?? 0;
  const writer =
    options.stateFile === undefined
      ? null
      : createStateWriter(options.stateFile, (error) => options.onStateError?.(error), options.stateCodec);
  const persist = (): void => writer?.save(() => snapshotState(accounts.values(), transactionSeq));

  const addAccount = (seed: SimAccountSeed): void => {
    if (accounts.has(seed.accountId))
      throw new SimulatorSeedError(`account ${seed.accountId} already exists`);
    accounts.set(seed.accountId, createAccount(seed));
    persist();
  };
  for (const seed of options.accounts ?? DEMO_ACCOUNTS) {
    if (saved === undefined || !accounts.has(seed.accountId)) addAccount(seed);
  }

  const now = options.now ?? (() => new Date());
  const calls: SimCall[] = [];
  const faults = createFaultQueue();
  let latencyMs = 0;
  let closing = watchedByMany(new AbortController());
  let url: string | undefined;
  const handler = createCallHandler({
    ctx,
    faults,
    now,
    latencyMs: () => latencyMs,
    record: (call) => {
      calls.push(call);
      // Recorded after the operation ran: whatever it changed (a purchase, a new pass phrase, a bad attempt) is saved.
      persist();
      options.onCall?.(call);
    },
    closing: () => closing.signal,
  });
  const server = createServer(createRequestListener(handler, now));

  return {
    get url() {
      if (url === undefined) throw new SimulatorNotListeningError();
      return url;
    },
    calls,
    listen(port = 0, host = '127.0.0.1') {
      closing = watchedByMany(new AbortController());
      return new Promise<string>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const { port: actual } = server.address() as AddressInfo;
          url = `http://${host.includes(':') ? `[${host}]` : host}:${actual}${SERVICE_PATH}`;
          resolve(url);
        });
      });
    },
    async close() {
      closing.abort();
      url = undefined;
      await new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        // Hanging calls and idle keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      });
      await writer?.flushed();
    },
    inject: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    setLatency(ms) {
      latencyMs = Math.max(0, ms);
    },
    account(accountId) {
      const account = accounts.get(accountId);
      return account ? viewOf(account) : undefined;
    },
    addAccount,
    printPostage(accountId, amount) {
      const account = accounts.get(accountId);
      const mils = parseDecimal(amount);
      if (account === undefined) throw new SimulatorSeedError(`no account ${accountId}`);
      if (mils === undefined || mils > account.balanceMils) {
        throw new SimulatorSeedError(`cannot print ${amount} from account ${accountId}`);
      }
      account.balanceMils -= mils;
      account.ascendingBalanceMils += mils;
      account.serialNumber += 1;
      persist();
    },
  };
}

/** Every call in its latency wait listens on the one closing signal; hundreds at once are expected. */
function watchedByMany(controller: AbortController): AbortController {
  setMaxListeners(0, controller.signal);
  return controller;
}
