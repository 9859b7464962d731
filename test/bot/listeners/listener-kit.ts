import type {
  BlockAction,
  BlockElementAction,
  RespondFn,
  ViewClosedAction,
  ViewOutput,
  ViewSubmitAction,
} from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { WebClient } from '@slack/web-api';
import { afterEach } from 'vitest';
import { makeActors } from '../../../src/actors/index.ts';
import { type Background, createBackground } from '../../../src/bot/background.ts';
import { postageCommand } from '../../../src/bot/commands/postage.ts';
import type { BotDeps } from '../../../src/bot/deps.ts';
import { toSlackLogger } from '../../../src/bot/slack-logger.ts';
import { createEndiciaClient } from '../../../src/endicia/index.ts';
import { createSimulator } from '../../../src/endicia/simulator/index.ts';
import { silentLogger } from '../../../src/lib/logger.ts';
import { createWizardRunner, wizardMachine } from '../../../src/machine/index.ts';
import { createRememberedLogins } from '../../../src/never-lock/index.ts';
import { openStore } from '../../../src/store/index.ts';
import { SEEDS } from '../../actors/fixtures.ts';
import { fakeNotifier } from '../../alerts/helpers.ts';

/**
 * Real parts for calling a listener body without an App, the way Bolt's starter template tests its
 * listeners: the simulator on loopback, a memory store, the real wizard runner. Only `ack`, `client`
 * and `respond` are fakes, and they record what they were called with.
 */
export interface ListenerKit {
  deps: BotDeps;
  background: Background;
  /** A real WebClient whose `views.*` and `chat.postMessage` record their arguments instead of calling Slack. */
  client: WebClient;
  /** Every recorded client call as `[method, args]`, oldest first. */
  calls: Array<[string, Record<string, unknown>]>;
  /** A fresh `ack` that records each call's argument (`undefined` for a bare ack). */
  ack(): FakeFn;
  /** A fake `respond` (response_url) recording each message. */
  respond: RespondFn & { calls: unknown[] };
  /** The views `views.open` was called with, oldest first. */
  opened(): ModalView[];
}

export type FakeFn = ((arg?: unknown) => Promise<void>) & { calls: unknown[] };

function fakeFn(): FakeFn {
  const calls: unknown[] = [];
  return Object.assign(
    async (arg?: unknown) => {
      calls.push(arg);
    },
    { calls },
  );
}

function fakeRespond(): RespondFn & { calls: unknown[] } {
  const calls: unknown[] = [];
  return Object.assign(
    async (message: unknown) => {
      calls.push(message);
      return new Response(null);
    },
    { calls },
  );
}

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((resource) => resource.close()));
});

export async function startKit(): Promise<ListenerKit> {
  const sim = createSimulator({ accounts: SEEDS });
  const url = await sim.listen(0, '127.0.0.1');
  const store = await openStore({ url: 'memory://', logger: silentLogger });
  const now = () => new Date();
  const remembered = createRememberedLogins({
    credentials: store.credentials,
    guards: store.accountGuards,
    alerts: store.alerts,
    notifier: fakeNotifier().notifier,
    logger: silentLogger,
    now,
  });
  const actorDeps = {
    endicia: createEndiciaClient({ baseUrl: url, requesterId: 'lxxx', timeoutMs: 5_000 }),
    credentials: store.credentials,
    purchases: store.purchases,
    balanceReadings: store.balanceReadings,
    logger: silentLogger,
    now,
    remembered,
    onBalanceRead: () => {},
  };
  const runner = createWizardRunner({
    machine: wizardMachine.provide({ actors: makeActors(actorDeps) }),
    port: {
      load: (id) => store.sessions.get(id),
      save: (id, persisted, ttlMs) => store.sessions.set(id, persisted, ttlMs),
      delete: (id) => store.sessions.delete(id),
    },
    ttlMs: 60_000,
    settleTimeoutMs: 10_000,
  });
  const background = createBackground(silentLogger);
  let ids = 0;
  const deps: BotDeps = {
    runner,
    credentials: store.credentials,
    remembered,
    purchases: store.purchases,
    alerts: store.alerts,
    alertControl: null,
    checkBalance: async () => {
      throw new Error('not used by these tests');
    },
    environmentLabel: 'SIMULATOR — no real postage',
    serverUrl: url,
    maxPurchaseCents: 50_000,
    // Generous: the simulator on loopback always answers well inside it, so the quick path is deterministic.
    replyBudgetMs: 5_000,
    sessionTtlMs: 60_000,
    logger: silentLogger,
    newId: () => `S${++ids}`,
    now,
  };
  open.push({
    close: async () => {
      await runner.drain();
      await background.drain();
      await remembered.drain();
      await store.close();
      await sim.close();
    },
  });

  const calls: ListenerKit['calls'] = [];
  const client = new WebClient('xoxb-test');
  let viewIds = 0;
  const record = (method: string) => async (args: Record<string, unknown>) => {
    calls.push([method, args]);
    return { ok: true, view: { id: `V${++viewIds}` }, ts: '1.0' };
  };
  Object.assign(client.views, {
    open: record('views.open'),
    update: record('views.update'),
    push: record('views.push'),
  });
  Object.assign(client.chat, { postMessage: record('chat.postMessage') });

  return {
    deps,
    background,
    client,
    calls,
    ack: fakeFn,
    respond: fakeRespond(),
    opened: () =>
      calls.filter(([method]) => method === 'views.open').map(([, args]) => args['view'] as ModalView),
  };
}

export const TEAM = 'T0LISTEN';
export const USER = 'U0CLERK';

const logger = toSlackLogger(silentLogger);

/** What Bolt hands every listener besides the payload (`say` is ignored where a listener kind has none). */
const middleware = (kit: ListenerKit, ack: FakeFn) => ({
  ack,
  respond: kit.respond,
  say: async () => ({ ok: true }),
  client: kit.client,
  context: { isEnterpriseInstall: false },
  logger,
  next: async () => {},
});

/** What Bolt hands `/postage <text>` (typed in full: the listener reads it as it would from Slack). */
export function commandArgs(kit: ListenerKit, text: string, ack = kit.ack()) {
  const command = {
    token: 'verification',
    command: '/postage',
    text,
    response_url: 'https://hooks.slack.test/commands/1',
    trigger_id: 'trigger-1',
    user_id: USER,
    user_name: 'clerk',
    team_id: TEAM,
    team_domain: 'listen',
    channel_id: 'C0POSTAGE',
    channel_name: 'postage',
    api_app_id: 'A0POSTAGE',
  };
  return {
    ack,
    args: {
      command,
      payload: command,
      body: command,
      ...middleware(kit, ack),
    },
  };
}

type StateValues = ViewOutput['state']['values'];

/** The view as Slack sends it back in a payload: what the bot opened, with Slack's fields and the typed state. */
export function viewOutput(view: ModalView, values: StateValues = {}, id = 'V1'): ViewOutput {
  return {
    ...view,
    id,
    team_id: TEAM,
    app_id: 'A0POSTAGE',
    bot_id: 'B0POSTAGE',
    type: 'modal',
    callback_id: view.callback_id ?? '',
    private_metadata: view.private_metadata ?? '',
    title: { type: 'plain_text', text: view.title.text },
    close: null,
    submit: null,
    state: { values },
    hash: 'hash-1',
    root_view_id: id,
    previous_view_id: null,
    clear_on_close: false,
    notify_on_close: false,
  };
}

/** Who clicked: the clerk in the kit's workspace unless `team` says otherwise. */
const who = (team: string) => ({
  team: { id: team, domain: 'listen' },
  user: { id: USER, name: 'clerk', team_id: team },
});

/** What Bolt hands a view_submission listener for `view`. */
export function submissionArgs(kit: ListenerKit, view: ViewOutput, ack = kit.ack(), team = TEAM) {
  const body: ViewSubmitAction = {
    type: 'view_submission',
    ...who(team),
    view,
    api_app_id: 'A0POSTAGE',
    token: 'verification',
    trigger_id: 'trigger-2',
  };
  return {
    ack,
    args: { ...middleware(kit, ack), body, payload: view, view },
  };
}

/** What Bolt hands a view_closed listener when the person closes `view`. */
export function closedArgs(kit: ListenerKit, view: ViewOutput, ack = kit.ack(), team = TEAM) {
  const body: ViewClosedAction = {
    type: 'view_closed',
    ...who(team),
    view,
    api_app_id: 'A0POSTAGE',
    token: 'verification',
    is_cleared: false,
  };
  return { ack, args: { ...middleware(kit, ack), body, payload: view, view } };
}

/** What Bolt hands a block_actions listener for `action` clicked inside `view`. */
export function actionArgs(
  kit: ListenerKit,
  view: ViewOutput,
  action: BlockElementAction,
  ack = kit.ack(),
  team = TEAM,
) {
  const body: BlockAction = {
    type: 'block_actions',
    actions: [action],
    ...who(team),
    user: { id: USER, username: 'clerk', team_id: team },
    view,
    token: 'verification',
    response_url: '',
    trigger_id: 'trigger-3',
    api_app_id: 'A0POSTAGE',
    container: { type: 'view', view_id: view.id },
  };
  return {
    ack,
    args: {
      ...middleware(kit, ack),
      body,
      payload: action,
      action,
    },
  };
}

/** Opens the wizard the way `/postage buy` does and returns its account page. */
export async function openAccountPage(kit: ListenerKit): Promise<ModalView> {
  await postageCommand(commandArgs(kit, 'buy').args, kit.deps, kit.background);
  await kit.background.drain();
  const [view] = kit.opened();
  if (view === undefined) throw new Error('the wizard did not open');
  return view;
}
