import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { SimAccount } from './accounts.ts';
import { SimulatorStateError } from './errors.ts';
import type { StateCodec } from './types.ts';

const mils = z.number().int().nonnegative();

const accountSchema = z.strictObject({
  accountId: z.string().regex(/^\d{1,10}$/),
  passPhrase: z.string().min(1).max(64),
  history: z.array(z.string()),
  status: z.enum(['active', 'suspended', 'closed']),
  needsReset: z.boolean(),
  badAttempts: z.number().int().nonnegative(),
  balanceMils: mils,
  ascendingBalanceMils: mils,
  controlRegisterMils: mils,
  serialNumber: z.number().int().nonnegative(),
  deviceId: z.string(),
  maxPurchaseMils: mils,
  maxBalanceMils: mils,
  paymentState: z.enum(['ok', 'declined', 'expired', 'unavailable']),
  recredits: z.number().int().nonnegative(),
});

const stateSchema = z.strictObject({
  v: z.literal(1),
  transactionSeq: z.number().int().nonnegative(),
  accounts: z.array(accountSchema),
});

/** What the simulator keeps across restarts: its accounts and where transaction ids had got to. */
export type SimulatorState = z.output<typeof stateSchema>;

/**
 * Reads a saved state, or `undefined` when the file does not exist yet. Synchronous: it runs once, when
 * the simulator is created, before anything listens.
 *
 * @throws SimulatorStateError when the file exists but is not a state this version wrote (never its content).
 */
export function readSimulatorState(path: string, codec?: StateCodec): SimulatorState | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SimulatorStateError(`cannot read the simulator state file ${path}`, { cause: error });
  }
  const json = codec === undefined ? text : codec.open(text.trim());
  if (json === undefined) {
    throw new SimulatorStateError(
      `the simulator state file ${path} cannot be opened with the configured keys; delete it to start from the demo accounts again`,
    );
  }
  try {
    return stateSchema.parse(JSON.parse(json));
  } catch {
    throw new SimulatorStateError(
      `the simulator state file ${path} is not valid; delete it to start from the demo accounts again`,
    );
  }
}

/** The state to write, copied so a later call cannot change it half-written. */
export function snapshotState(accounts: Iterable<SimAccount>, transactionSeq: number): SimulatorState {
  return {
    v: 1,
    transactionSeq,
    accounts: [...accounts].map((account) => ({ ...account, history: [...account.history] })),
  };
}

/**
 * Writes states one after another, each atomically (a temporary file renamed over the old one), so a crash
 * leaves the previous state or the new one, never half a file. Requests that arrive while a write runs
 * collapse into one more write of the latest state. Mode 0600: the accounts' (fake) pass phrases are in it.
 */
export function createStateWriter(path: string, onError: (error: unknown) => void, codec?: StateCodec) {
  let running: Promise<void> = Promise.resolve();
  let latest: (() => SimulatorState) | null = null;
  const temporary = `${path}.${process.pid}.tmp`;

  const writeLatest = async (): Promise<void> => {
    const take = latest;
    latest = null;
    if (take === null) return;
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const json = JSON.stringify(take());
    await writeFile(temporary, `${codec === undefined ? json : codec.seal(json)}\n`, { mode: 0o600 });
    await rename(temporary, path);
  };

  return {
    /** Asks for the state `read()` returns to be written soon (read at write time: the newest wins). */
    save(read: () => SimulatorState): void {
      const queued = latest !== null;
      latest = read;
      if (queued) return;
      running = running.then(writeLatest).catch(onError);
    },
    /** Resolves once every requested write is on disk (or has failed and been reported). */
    flushed(): Promise<void> {
      return running;
    },
  };
}
