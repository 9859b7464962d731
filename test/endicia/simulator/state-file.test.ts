import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSimulator,
  type Simulator,
  type SimulatorOptions,
  SimulatorStateError,
} from '../../../src/endicia/simulator/index.ts';
import { accountFigures, clientFor } from '../../helpers/els-simulator.ts';

const PASS = 'state <fake> & "phrase"';
const NEXT = 'state <next> & "phrase"';
const seed = { accountId: '2910001', passPhrase: PASS, balance: '20', maxBalance: '1000' };

let dir: string;
let file: string;
const started: Simulator[] = [];

// Closed here rather than by the shared helper: close() waits for the last save, which must end before
// the directory is removed.
async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const simulator = createSimulator(options);
  started.push(simulator);
  await simulator.listen(0, '127.0.0.1');
  return simulator;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sim-state-'));
  file = join(dir, 'endicia-simulator.json');
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((simulator) => simulator.close()));
  await rm(dir, { recursive: true, force: true });
});

/** A stand-in for the bot's AES-GCM sealing: reversible, and visibly not the plain JSON. */
const codec = {
  seal: (text: string) => Buffer.from(text, 'utf8').toString('base64'),
  open: (text: string) =>
    /^[A-Za-z0-9+/=]+$/.test(text) ? Buffer.from(text, 'base64').toString('utf8') : undefined,
};

describe('simulator state file', () => {
  it('goes through the host codec both ways: nothing of the pass phrase on disk, a file it cannot open refused', async () => {
    const first = await startSimulator({ accounts: [seed], stateFile: file, stateCodec: codec });
    await clientFor(first).changePassPhrase({ accountId: seed.accountId, passPhrase: PASS }, NEXT);
    await first.close();
    const disk = await readFile(file, 'utf8');
    expect(disk.includes(NEXT) || disk.includes(PASS) || disk.includes('accountId')).toBe(false);

    const second = await startSimulator({ accounts: [seed], stateFile: file, stateCodec: codec });
    expect(second.account(seed.accountId)?.passPhrase === NEXT).toBe(true);
    await second.close();

    await writeFile(file, '{"not":"sealed"}\n');
    expect(() => createSimulator({ accounts: [seed], stateFile: file, stateCodec: codec })).toThrow(
      SimulatorStateError,
    );
  });

  it('a restarted simulator keeps balances, pass phrases, bad attempts and transaction numbers', async () => {
    const first = await startSimulator({ accounts: [seed], stateFile: file });
    const client = clientFor(first);
    const bought = await client.buyPostage({ accountId: seed.accountId, passPhrase: PASS }, 15_000, {
      requestId: 'r1',
    });
    await client.changePassPhrase({ accountId: seed.accountId, passPhrase: PASS }, NEXT);
    await expect(
      client.getAccountStatus({ accountId: seed.accountId, passPhrase: 'wrong <fake>' }),
    ).rejects.toMatchObject({ status: 12507 });
    const before = accountFigures(first, seed.accountId);
    await first.close();

    // Seeds do not overwrite what the file knows.
    const second = await startSimulator({ accounts: [seed], stateFile: file });
    expect(accountFigures(second, seed.accountId)).toEqual(before);
    expect(before?.balanceMils).toBe(35_000);
    expect(before?.badAttempts).toBe(1);
    const again = clientFor(second);
    await expect(
      again.getAccountStatus({ accountId: seed.accountId, passPhrase: PASS }),
    ).rejects.toMatchObject({
      status: 12507,
    });
    const status = await again.getAccountStatus({ accountId: seed.accountId, passPhrase: NEXT });
    expect(status.balanceMils).toBe(35_000);
    // The old phrase is still in the reuse history.
    await expect(
      again.changePassPhrase({ accountId: seed.accountId, passPhrase: NEXT }, PASS),
    ).rejects.toMatchObject({ status: 12669 });
    const next = await again.buyPostage({ accountId: seed.accountId, passPhrase: NEXT }, 10_000, {
      requestId: 'r2',
    });
    expect(next.transactionId).not.toBe(bought.transactionId);
  });

  it('adds seeded accounts the file does not know yet', async () => {
    const first = await startSimulator({ accounts: [seed], stateFile: file });
    await first.close();
    const other = { accountId: '2910002', passPhrase: PASS, balance: '5' };
    const second = await startSimulator({ accounts: [seed, other], stateFile: file });
    expect(second.account(other.accountId)?.balanceMils).toBe(5_000);
  });

  it('writes atomically: only the state file is left, readable by its owner alone', async () => {
    const simulator = await startSimulator({ accounts: [seed], stateFile: file });
    simulator.printPostage(seed.accountId, '1');
    await simulator.close();
    expect(await readdir(dir)).toEqual(['endicia-simulator.json']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged file with a clear error that does not quote it', async () => {
    await writeFile(file, `{"v":1,"accounts":[{"passPhrase":"${PASS}"`);
    const create = () => createSimulator({ accounts: [seed], stateFile: file });
    expect(create).toThrow(SimulatorStateError);
    expect(create).toThrow(/delete it to start from the demo accounts again/);
    expect(create).not.toThrow(/fake/);
  });

  it('without a state file nothing is written', async () => {
    const simulator = await startSimulator({ accounts: [seed] });
    simulator.printPostage(seed.accountId, '1');
    await simulator.close();
    expect(await readdir(dir)).toEqual([]);
  });
});
