import { createSimulator } from '../src/endicia/simulator/index.ts';

// A simulator in its own process for benchmarks, so Endicia's side does not share an event loop with the
// load generator: `BENCH_ACCOUNTS` accounts 3000000…, pass phrase `bench <p> & "q" N`, `BENCH_LATENCY_MS`
// on every call. Prints its URL on the first line of stdout; stops on SIGTERM.
const accounts = Number(process.env['BENCH_ACCOUNTS'] ?? '200');
const sim = createSimulator({ accounts: [] });
for (let i = 0; i < accounts; i++) {
  sim.addAccount({
    accountId: String(3_000_000 + i),
    passPhrase: benchPassPhrase(i),
    balance: '100',
    maxPurchase: '500',
    maxBalance: '100000',
  });
}
sim.setLatency(Number(process.env['BENCH_LATENCY_MS'] ?? '300'));
console.log(await sim.listen(0, '127.0.0.1'));
process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));

export function benchPassPhrase(i: number): string {
  return `bench <p> & "q" ${i}`;
}
