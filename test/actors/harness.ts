import { afterEach, expect } from 'vitest';
import { createActor, type PromiseActorLogic, toPromise } from 'xstate';
import { toAccountView } from '../../src/actors/account-view.ts';
import type { ActorDeps } from '../../src/actors/index.ts';
import { createEndiciaClient, type EndiciaClient, type EndiciaOperation } from '../../src/endicia/index.ts';
import { createSimulator, type Simulator } from '../../src/endicia/simulator/index.ts';
import { createLogger } from '../../src/lib/logger.ts';
import type { BalanceReading } from '../../src/machine/index.ts';
import {
  type AccountView,
  type BuyPostageInput,
  type Credentials,
  FlowError,
} from '../../src/machine/index.ts';
import { createRememberedLogins, type RememberedLogins } from '../../src/never-lock/index.ts';
import {
  type AccountGuardStore,
  type CredentialStore,
  openStore,
  type Store,
} from '../../src/store/index.ts';
import { fakeNotifier } from '../alerts/helpers.ts';
import { SEEDS, TEAM, USER } from './fixtures.ts';

/** Everything an actor test touches: a real simulator on loopback, real clients, a memory store. */
export interface Harness {
  sim: Simulator;
  /** The bot's client. */
  endicia: EndiciaClient;
  /** Someone else's client on the same server (changes a phrase or buys behind the bot's back). */
  outsider: EndiciaClient;
  store: Store;
  remembered: RememberedLogins;
  /** What the account's owners were told (blocks and holds). */
  told: ReturnType<typeof fakeNotifier>;
  deps: ActorDeps;
  /** Every log line written through `deps.logger`. */
  logs: string[];
  readings: BalanceReading[];
  /** The actors' clock; fixed unless moved. */
  clock: { now: Date };
  /** Calls of `op` the simulator has seen so far. */
  count(op: EndiciaOperation): number;
}

export interface HarnessOptions {
  /** Wraps the store's credential store (to make it fail). */
  credentials?: (real: CredentialStore) => CredentialStore;
  /** Wraps the store's account guards (to make them fail). */
  guards?: (real: AccountGuardStore) => AccountGuardStore;
}

const open: Array<{ close(): Promise<void> }> = [];
/** Endicia calls with a pass phrase made without the never-lock module's record of the try. */
const bypasses: string[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((resource) => resource.close()));
  // Every actor sends pass phrases only through `deps.remembered` (issue 9: one owner of the rule).
  expect(bypasses.splice(0)).toEqual([]);
});

/**
 * The bot's client, checking at each call that the never-lock module recorded the try first (a call
 * that bypasses it has no `attemptSince` on the account's guard).
 */
function guardedClient(client: EndiciaClient, guards: AccountGuardStore): EndiciaClient {
  const check = async (op: string, accountId: string) => {
    const guard = await guards.get(TEAM, accountId).catch(() => undefined);
    if (guard?.attemptSince == null) bypasses.push(`${op} ${accountId}`);
  };
  return {
    ...client,
    getAccountStatus: async (credentials, options) => {
      await check('GetAccountStatus', credentials.accountId);
      return client.getAccountStatus(credentials, options);
    },
    buyPostage: async (credentials, amountMils, options) => {
      await check('BuyPostage', credentials.accountId);
      return client.buyPostage(credentials, amountMils, options);
    },
    changePassPhrase: async (credentials, next, options) => {
      await check('ChangePassPhrase', credentials.accountId);
      return client.changePassPhrase(credentials, next, options);
    },
    reconcilePurchase: async (credentials, before, amountMils) => {
      await check('reconcilePurchase', credentials.accountId);
      return client.reconcilePurchase(credentials, before, amountMils);
    },
  };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = createSimulator({ accounts: SEEDS });
  open.push(sim);
  const url = await sim.listen(0, '127.0.0.1');
  const clock = { now: new Date('2025-06-02T15:00:00.000Z') };
  const now = () => new Date(clock.now.getTime());
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(line), now });
  const store = await openStore({ url: 'memory://', logger, now });
  open.push(store);
  const client = () => createEndiciaClient({ baseUrl: url, requesterId: 'lxxx', timeoutMs: 5_000 });
  const readings: BalanceReading[] = [];
  const credentials = options.credentials ? options.credentials(store.credentials) : store.credentials;
  const told = fakeNotifier();
  const remembered = createRememberedLogins({
    credentials,
    guards: options.guards ? options.guards(store.accountGuards) : store.accountGuards,
    alerts: store.alerts,
    notifier: told.notifier,
    logger,
    now,
  });
  const deps: ActorDeps = {
    endicia: guardedClient(client(), store.accountGuards),
    credentials,
    purchases: store.purchases,
    balanceReadings: store.balanceReadings,
    logger,
    now,
    onBalanceRead: (reading) => readings.push(reading),
    remembered,
  };
  return {
    sim,
    endicia: deps.endicia,
    outsider: client(),
    store,
    remembered,
    told,
    deps,
    logs,
    readings,
    clock,
    count: (op) => sim.calls.filter((call) => call.op === op).length,
  };
}

/** Runs a promise actor the way the wizard does (createActor + start) and resolves with its output. */
export function run<TOutput, TInput>(
  logic: PromiseActorLogic<TOutput, TInput>,
  input: TInput,
): Promise<TOutput> {
  const actor = createActor(logic, { input });
  // Subscribed before start, so a rejection is never reported as unhandled.
  const done = toPromise(actor);
  actor.start();
  return done;
}

/**
 * The FlowError `promise` rejects with. Resolving, or rejecting with anything else, fails the test without
 * printing the value (actor outputs carry credentials).
 */
export async function flowError(promise: Promise<unknown>): Promise<FlowError> {
  let error: unknown;
  try {
    await promise;
  } catch (caught) {
    error = caught;
  }
  if (error === undefined) throw new Error('expected the actor to reject, but it resolved');
  if (!(error instanceof FlowError)) {
    const code = (error as { code?: unknown }).code;
    throw new Error(`expected a FlowError, got ${(error as Error).name} (${String(code)})`);
  }
  return error;
}

/** A fresh GetAccountStatus reading as the login would hand it to the purchase (read "now"). */
export async function readView(h: Harness, credentials: Credentials): Promise<AccountView> {
  return toAccountView(await h.outsider.getAccountStatus(credentials), h.deps.now());
}

/** Remembers `credentials` for TEAM/USER directly in the store (as an earlier wizard login would have). */
export function rememberedAs(credentials: Credentials, monitorBlockedAt: string | null = null) {
  return { ...credentials, savedAt: '2025-06-01T09:00:00.000Z', monitorBlockedAt };
}

/** A BuyPostage input for TEAM/USER from the wizard's confirmation. */
export function buyInput(
  credentials: Credentials,
  before: AccountView,
  amountCents: number,
  requestId: string,
): BuyPostageInput {
  return {
    sessionId: 'S-actors',
    teamId: TEAM,
    userId: USER,
    channelId: 'C0POSTAGE',
    credentials,
    amountCents,
    requestId,
    before,
    viewId: 'V0BUYING',
  };
}
