import { describe, expect, it } from 'vitest';
import { redact } from '../../src/lib/redact.ts';
import {
  BusySnapshotError,
  lostPurchaseAnswer,
  type PersistedWizard,
  restoreActor,
  stateOf,
  toPersisted,
  type WizardEvent,
  type WizardSnapshot,
  type WizardState,
} from '../../src/machine/index.ts';
import { deferred, rejects, resolves } from '../helpers/fake-actors.ts';
import {
  ACCOUNT,
  type Fakes,
  fakes,
  login,
  NEW_PHRASE,
  onDetails,
  PHRASE,
  provided,
  review,
  settled,
  startWizard,
  type WizardActor,
  wizardInput,
} from './fixtures.ts';

const CHANGE = {
  type: 'CHANGE',
  accountId: ACCOUNT,
  currentPassPhrase: PHRASE,
  newPassPhrase: NEW_PHRASE,
} as const;

/** Through JSON, as the store keeps it. */
const stored = (snapshot: WizardSnapshot): PersistedWizard =>
  JSON.parse(JSON.stringify(toPersisted(snapshot)));

interface Case {
  state: WizardState;
  reach: () => Promise<WizardActor>;
  next: WizardEvent;
  expected: WizardState;
  /** Which fakes of the restored wizard must have run (exactly once each) to get there. */
  called?: (keyof Fakes)[];
}

const lost = () =>
  fakes({
    buyPostage: rejects(lostPurchaseAnswer()),
    reconcilePurchase: resolves({ outcome: 'unconfirmed', why: 'unreadable', status: null }),
  });
async function sendAndSettle(actor: WizardActor, ...events: WizardEvent[]): Promise<WizardActor> {
  for (const event of events) actor.send(event);
  await settled(actor);
  return actor;
}

const cases: Case[] = [
  {
    state: 'account',
    reach: async () => startWizard(fakes()),
    next: login(),
    expected: 'details',
    called: ['verifyAccount', 'saveRememberPreference'],
  },
  { state: 'details', reach: () => onDetails(fakes()), next: review(), expected: 'confirming' },
  {
    state: 'confirming',
    reach: async () => sendAndSettle(await onDetails(fakes()), review()),
    next: { type: 'CONFIRM' },
    expected: 'done',
    called: ['buyPostage'],
  },
  {
    state: 'done',
    reach: async () => sendAndSettle(await onDetails(fakes()), review(), { type: 'CONFIRM' }),
    next: { type: 'FINISH' },
    expected: 'closed',
  },
  {
    state: 'uncertain',
    reach: async () => sendAndSettle(await onDetails(lost()), review(), { type: 'CONFIRM' }),
    next: { type: 'FINISH' },
    expected: 'closed',
  },
  {
    state: 'changeForm',
    reach: async () => sendAndSettle(startWizard(fakes()), { type: 'OPEN_CHANGE' }),
    next: CHANGE,
    // Changed from the account page: logged in with the new pass phrase right after.
    expected: 'details',
    called: ['changePassPhrase', 'verifyAccount', 'saveRememberPreference'],
  },
  {
    state: 'changed',
    reach: async () => sendAndSettle(startWizard(fakes(), wizardInput({ entry: 'passphrase' })), CHANGE),
    next: { type: 'FINISH' },
    expected: 'closed',
  },
];

describe('persistence: restore at every settled state and continue', () => {
  it.each(cases)('$state', async ({ state, reach, next, expected, called = [] }) => {
    const before = (await reach()).getSnapshot();
    expect(stateOf(before)).toBe(state);

    const again = fakes();
    const actor = restoreActor(provided(again), stored(before));
    expect(actor).toBeDefined();
    if (actor === undefined) return;
    expect(redact(actor.getSnapshot().context)).toEqual(redact(before.context));
    expect(
      actor.getSnapshot().context.credentials?.passPhrase === before.context.credentials?.passPhrase,
    ).toBe(true);

    actor.start();
    actor.send(next);
    expect(stateOf(await settled(actor))).toBe(expected);
    for (const name of Object.keys(again) as (keyof Fakes)[]) {
      expect([name, again[name].calls.length]).toEqual([name, called.includes(name) ? 1 : 0]);
    }
  });

  it('a restored confirmation buys with the restored credentials and request id', async () => {
    const before = (await sendAndSettle(await onDetails(fakes()), review(2_500, 'req-9'))).getSnapshot();
    const again = fakes();
    const actor = restoreActor(provided(again), stored(before));
    actor?.start().send({ type: 'CONFIRM' });
    expect(again.buyPostage.calls[0]?.requestId).toBe('req-9');
    expect(again.buyPostage.calls[0]?.credentials.passPhrase === PHRASE).toBe(true);
  });
});

describe('persistence: busy snapshots', () => {
  const held = {
    verifying: () => fakes({ verifyAccount: deferred() }),
    remembering: () => fakes({ saveRememberPreference: deferred() }),
    purchasing: () => fakes({ buyPostage: deferred() }),
    reconciling: () => fakes({ buyPostage: rejects(lostPurchaseAnswer()), reconcilePurchase: deferred() }),
    changing: () => fakes({ changePassPhrase: deferred() }),
  };
  const drive: Record<keyof typeof held, WizardEvent[]> = {
    verifying: [login()],
    remembering: [login()],
    purchasing: [login(), review(), { type: 'CONFIRM' }],
    reconciling: [login(), review(), { type: 'CONFIRM' }],
    changing: [{ type: 'OPEN_CHANGE' }, CHANGE],
  };

  it.each(Object.keys(held) as (keyof typeof held)[])('toPersisted refuses %s', async (state) => {
    const actor = startWizard(held[state]());
    const events = drive[state];
    for (const event of events.slice(0, -1)) await sendAndSettle(actor, event);
    actor.send(events[events.length - 1] ?? { type: 'CANCEL' });
    await expect.poll(() => stateOf(actor.getSnapshot())).toBe(state);
    expect(() => toPersisted(actor.getSnapshot())).toThrow(BusySnapshotError);
  });

  it('a stored snapshot edited into purchasing is not restored (and buys nothing)', async () => {
    const record = stored((await sendAndSettle(await onDetails(fakes()), review())).getSnapshot());
    const edited = { ...record, snapshot: { ...(record.snapshot as object), value: 'purchasing' } };
    const again = fakes();
    expect(restoreActor(provided(again), edited)).toBeUndefined();
    expect(again.buyPostage.calls).toHaveLength(0);
  });

  it('a stored snapshot with a running child is not restored', async () => {
    const record = stored((await onDetails(fakes())).getSnapshot());
    const child = { src: 'buyPostage', snapshot: { status: 'active', input: {} } };
    const edited = { ...record, snapshot: { ...(record.snapshot as object), children: { buy: child } } };
    expect(restoreActor(provided(fakes()), edited)).toBeUndefined();
  });
});

describe('persistence: what is not restored', () => {
  it.each([
    ['nothing', undefined],
    ['an unknown version', { v: 2, snapshot: {} }],
    ['a malformed record', { v: 1, snapshot: 'details' }],
    [
      'an unknown state',
      { v: 1, snapshot: { status: 'active', value: 'paying', context: {}, children: {} } },
    ],
  ])('%s', (_, record) => {
    expect(restoreActor(provided(fakes()), record)).toBeUndefined();
  });

  it('a finished wizard', async () => {
    const actor = startWizard(fakes());
    actor.send({ type: 'CANCEL' });
    expect(restoreActor(provided(fakes()), stored(actor.getSnapshot()))).toBeUndefined();
  });

  it('a record xstate cannot revive', () => {
    const actor = startWizard(fakes());
    const record = stored(actor.getSnapshot());
    const edited = { ...record, snapshot: { ...(record.snapshot as object), historyValue: { wizard: 5 } } };
    expect(restoreActor(provided(fakes()), edited)).toBeUndefined();
  });
});

describe('persistence: sessions stored before the journal vocabulary', () => {
  /** A stored snapshot whose purchase still says `outcome` in the old words (and has no `confirmedBy`). */
  const older = async (state: 'done' | 'uncertain', outcome: string) => {
    const f = state === 'done' ? fakes() : lost();
    const record = stored(
      (await sendAndSettle(await onDetails(f), review(), { type: 'CONFIRM' })).getSnapshot(),
    );
    const snapshot = record.snapshot as { context: { purchase: Record<string, unknown> } };
    const { confirmedBy: _, ...purchase } = snapshot.context.purchase;
    return {
      ...record,
      snapshot: { ...snapshot, context: { ...snapshot.context, purchase: { ...purchase, outcome } } },
    };
  };

  it.each([
    ['done', 'applied', { outcome: 'confirmed', confirmedBy: 'endicia' }],
    ['done', 'confirmed', { outcome: 'confirmed', confirmedBy: 'balance' }],
    ['uncertain', 'uncertain', { outcome: 'unconfirmed', confirmedBy: null }],
  ] as const)('%s with outcome %s reads as %o', async (state, outcome, expected) => {
    const actor = restoreActor(provided(fakes()), await older(state, outcome));
    expect(actor?.getSnapshot().context.purchase).toMatchObject(expected);
  });
});
