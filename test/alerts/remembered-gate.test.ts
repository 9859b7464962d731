import { describe, expect, it } from 'vitest';
import { createRememberedGuard } from '../../src/actors/index.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { clientFor, startSimulator } from '../helpers/els-simulator.ts';
import {
  fakeNotifier,
  login,
  manualClock,
  memoryStore,
  monitorFor,
  PHRASE_A,
  PHRASE_NEW,
  seed,
  subscription,
  TEAM,
} from './helpers.ts';

// The monitor shares the app's gate on remembered pass phrases with `/postage balance` and the wizard.
const ACCOUNT = '2500001';

async function world() {
  const simulator = await startSimulator({
    accounts: [{ accountId: ACCOUNT, passPhrase: PHRASE_A, balance: '20', maxBalance: '1000' }],
  });
  const store = await memoryStore();
  const gate = createRememberedGuard();
  const clock = manualClock();
  await seed(store, { U1: login(ACCOUNT) }, [subscription({ channelId: 'C1' })]);
  const monitor = monitorFor({
    alerts: store.alerts,
    credentials: store.credentials,
    endicia: clientFor(simulator),
    notifier: fakeNotifier().notifier,
    now: clock.now,
    logger: silentLogger,
    remembered: gate,
  });
  const statusCalls = () => simulator.calls.filter((c) => c.op === 'GetAccountStatus').length;
  return { simulator, store, gate, monitor, statusCalls };
}

describe('the monitor and the app-wide remembered-phrase gate', () => {
  it('does not use a phrase refused elsewhere, even when the store could not record the refusal', async () => {
    const { gate, monitor, statusCalls, simulator } = await world();
    gate.noteRefused(TEAM, 'U1', PHRASE_A);
    const report = await monitor.sweep();
    expect(report).toMatchObject({ statusCalls: 0, skippedBlocked: 1 });
    expect(statusCalls()).toBe(0);
    await simulator.close();
  });

  it('notes its own refusal in the gate, so the wizard and /postage balance see it at once', async () => {
    const { gate, monitor, simulator } = await world();
    await clientFor(simulator).changePassPhrase({ accountId: ACCOUNT, passPhrase: PHRASE_A }, PHRASE_NEW);
    await monitor.sweep();
    expect(gate.refused(TEAM, 'U1', PHRASE_A)).toBe(true);
    await simulator.close();
  });
});
