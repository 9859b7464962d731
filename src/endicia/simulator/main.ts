import { formatUsd } from '../../lib/money.ts';
import { parseSimulatorAccounts } from './seeds.ts';
import { createSimulator } from './simulator.ts';
import type { SimAccountView, Simulator } from './types.ts';

// `npm run simulator`: a local fake Endicia Label Server for demos and manual testing. Everything it prints,
// pass phrases included, is fake demo data.

function fail(message: string): never {
  console.error(`simulator: ${message}`);
  process.exit(1);
}

function describeAccount(account: Readonly<SimAccountView>): string {
  const notes = [
    account.status === 'active' ? '' : account.status,
    account.needsReset ? 'temporary pass phrase' : '',
    account.paymentState === 'ok' ? '' : `card ${account.paymentState}`,
  ].filter(Boolean);
  return (
    `  ${account.accountId}  balance ${formatUsd(account.balanceMils)}` +
    `  limits ${formatUsd(account.maxPurchaseMils)} per purchase / ${formatUsd(account.maxBalanceMils)} balance` +
    `${notes.length ? `  [${notes.join(', ')}]` : ''}  pass phrase: ${account.passPhrase}`
  );
}

const { SIMULATOR_PORT, SIMULATOR_HOST, ENDICIA_SIMULATOR_ACCOUNTS } = process.env;
const port = Number(SIMULATOR_PORT || '8787');
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail('SIMULATOR_PORT must be a port number (0-65535)');
const host = SIMULATOR_HOST || '127.0.0.1';

let simulator: Simulator;
let seeds: ReturnType<typeof parseSimulatorAccounts>;
try {
  seeds = parseSimulatorAccounts(ENDICIA_SIMULATOR_ACCOUNTS);
  simulator = createSimulator({
    accounts: seeds,
    onCall: (call) =>
      console.log(
        `${call.op} ${call.accountId ?? '-'} -> ${call.status}${call.fault ? ` (${call.fault})` : ''}`,
      ),
  });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
// Before anything is printed: a parent that signals as soon as it reads the banner must find the handlers.
let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping`);
  simulator.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));

const url = await simulator
  .listen(port, host)
  .catch((error: unknown) => fail(`cannot listen: ${String(error)}`));

console.log(`Endicia simulator (SIMULATOR: no real postage) listening on ${url}`);
console.log(`Point the bot at it with ENDICIA_ENV=simulator and ENDICIA_URL=${url}`);
console.log('Accounts (fake demo credentials):');
for (const seed of seeds) {
  const account = simulator.account(seed.accountId);
  if (account) console.log(describeAccount(account));
}
