import { describe, expect, it } from 'vitest';
import { redact } from '../../src/lib/redact.ts';
import {
  type BuyPostageInput,
  type BuyPostageOutput,
  lostPurchaseAnswer,
  PASS_PHRASE_TEMPORARY,
  type ReconcilePurchaseInput,
  type ReconcilePurchaseOutput,
  stateOf,
} from '../../src/machine/index.ts';
import { deferred, rejects, resolves } from '../helpers/fake-actors.ts';
import {
  ACCOUNT,
  AFTER_BUY,
  accountView,
  type Fakes,
  failure,
  fakes,
  onDetails,
  PHRASE,
  review,
  settled,
  type WizardActor,
} from './fixtures.ts';

const BOUGHT: BuyPostageOutput = {
  transactionId: '9001',
  balanceAfterMils: AFTER_BUY.balanceMils,
  message: 'The purchase request has been submitted to Endicia.',
  status: AFTER_BUY,
};

/** Logged in, reviewed $25.00, and confirmed. */
async function confirmed(f: Fakes): Promise<WizardActor> {
  const actor = await onDetails(f);
  actor.send(review());
  actor.send({ type: 'CONFIRM' });
  return actor;
}

describe('wizard: review and confirm', () => {
  it('REVIEW shows the confirmation; BACK returns to the details keeping the amount', async () => {
    const actor = await onDetails(fakes());
    actor.send(review(2_500, 'req-7'));
    let snapshot = actor.getSnapshot();
    expect(stateOf(snapshot)).toBe('confirming');
    expect(snapshot.context.purchase).toEqual({
      requestId: 'req-7',
      amountCents: 2_500,
      before: accountView(),
      transactionId: null,
      balanceAfterMils: null,
      message: null,
      outcome: null,
      confirmedBy: null,
    });
    actor.send({ type: 'BACK' });
    snapshot = actor.getSnapshot();
    expect(stateOf(snapshot)).toBe('details');
    expect([snapshot.context.purchase, snapshot.context.amountCents]).toEqual([null, 2_500]);
  });

  it.each([
    ['under $10.00', 999, 'The minimum purchase is $10.00.'],
    ['over POSTAGE_MAX_PURCHASE', 50_001, 'The most one purchase may be is $500.00.'],
    ['not whole cents', 2_500.5, 'Enter a positive amount in dollars, like 25, 25.50 or $1,500.00.'],
  ])('REVIEW %s stays on the details page with the error under the amount', async (_, cents, message) => {
    const actor = await onDetails(fakes());
    actor.send(review(cents));
    const { context } = actor.getSnapshot();
    expect(stateOf(actor.getSnapshot())).toBe('details');
    expect(context.failure).toMatchObject({ kind: 'invalid', field: 'amount', message });
  });

  it('CANCEL closes from the details and the confirmation pages', async () => {
    for (const reviewFirst of [false, true]) {
      const actor = await onDetails(fakes());
      if (reviewFirst) actor.send(review());
      actor.send({ type: 'CANCEL' });
      expect(stateOf(actor.getSnapshot())).toBe('closed');
    }
  });
});

describe('wizard: purchase', () => {
  it('CONFIRM buys (busy) and shows the result', async () => {
    const buy = deferred<BuyPostageOutput, BuyPostageInput>();
    const actor = await confirmed(fakes({ buyPostage: buy }));
    expect(stateOf(actor.getSnapshot())).toBe('purchasing');
    expect(actor.getSnapshot().hasTag('busy')).toBe(true);
    expect(redact(buy.calls[0])).toEqual({
      sessionId: 'sess-1',
      teamId: 'T1',
      userId: 'U1',
      channelId: 'C1',
      credentials: { accountId: ACCOUNT, passPhrase: '[redacted]' },
      amountCents: 2_500,
      requestId: 'req-1',
      before: accountView(),
      viewId: null,
    });
    expect(buy.calls[0]?.credentials.passPhrase === PHRASE).toBe(true);

    buy.resolve(BOUGHT);
    const snapshot = await settled(actor);
    expect(stateOf(snapshot)).toBe('done');
    expect(snapshot.context.purchase).toMatchObject({
      transactionId: '9001',
      balanceAfterMils: 66_200,
      message: BOUGHT.message,
      outcome: 'confirmed',
      confirmedBy: 'endicia',
    });
    expect(snapshot.context.status).toEqual(AFTER_BUY);
    expect(snapshot.context.responseMessage).toBe(BOUGHT.message);
  });

  it('a second CONFIRM while purchasing does nothing; CONFIRM on the done page neither', async () => {
    const buy = deferred<BuyPostageOutput, BuyPostageInput>();
    const actor = await confirmed(fakes({ buyPostage: buy }));
    actor.send({ type: 'CONFIRM' });
    actor.send({ type: 'CONFIRM' });
    expect(buy.calls).toHaveLength(1);
    buy.resolve(BOUGHT);
    await settled(actor);
    actor.send({ type: 'CONFIRM' });
    expect(stateOf(actor.getSnapshot())).toBe('done');
    expect(buy.calls).toHaveLength(1);
  });

  it('CANCEL while purchasing neither closes nor aborts the purchase', async () => {
    const buy = deferred<BuyPostageOutput, BuyPostageInput>();
    const actor = await confirmed(fakes({ buyPostage: buy }));
    actor.send({ type: 'CANCEL' });
    expect(stateOf(actor.getSnapshot())).toBe('purchasing');
    expect(buy.signals[0]?.aborted).toBe(false);
    buy.resolve(BOUGHT);
    expect(stateOf(await settled(actor))).toBe('done');
  });

  it.each([
    ['amount too low', failure('amount', '12118')],
    ['over the account limit', failure('amount', '12119')],
    ['card declined', failure('payment', '12128')],
  ])('refused (%s): back to the details with Endicia’s message', async (_, refusal) => {
    const f = fakes({ buyPostage: rejects(refusal) });
    const actor = await confirmed(f);
    const { context } = await settled(actor);
    expect(stateOf(actor.getSnapshot())).toBe('details');
    expect(context.failure).toEqual(refusal);
    expect(context.responseMessage).toBe(refusal.message);
    expect(context.purchase).toBeNull();
    expect(f.reconcilePurchase.calls).toHaveLength(0);
  });

  it.each([
    ['the pass phrase changed elsewhere', failure('authentication', '12507')],
    ['the account got suspended', failure('account-state', '2012')],
  ])(
    'refused because %s: back to the login page, logged out, so no further Buy can try it',
    async (_, refusal) => {
      const f = fakes({ buyPostage: rejects(refusal) });
      const actor = await confirmed(f);
      const { context } = await settled(actor);
      expect(stateOf(actor.getSnapshot())).toBe('account');
      expect(context.credentials).toBeNull();
      expect(context.purchase).toBeNull();
      expect(context.failure?.code).toBe(refusal.code);
      expect(f.reconcilePurchase.calls).toHaveLength(0);
    },
  );

  it('12119 over the account limit: the refused amount becomes the ceiling the page states', async () => {
    const f = fakes({ buyPostage: rejects(failure('amount', '12119')) });
    const actor = await confirmed(f);
    const { context } = await settled(actor);
    expect(context.refusedOverLimitCents).toBe(2_500);
    expect(stateOf(actor.getSnapshot())).toBe('details');
    actor.send({ type: 'LOGOUT' });
    expect(actor.getSnapshot().context.refusedOverLimitCents).toBeNull();
  });

  it('a temporary pass phrase: stays logged in on the details page, the reason as a failure only', async () => {
    const temporary = failure('account-state', PASS_PHRASE_TEMPORARY);
    const f = fakes({ buyPostage: rejects(temporary) });
    const actor = await confirmed(f);
    const { context } = await settled(actor);
    expect(stateOf(actor.getSnapshot())).toBe('details');
    expect(context.credentials).not.toBeNull();
    expect(context.failure).toEqual(temporary);
    expect(context.responseMessage).toBeNull();
    actor.send({ type: 'OPEN_CHANGE' });
    expect(stateOf(actor.getSnapshot())).toBe('changeForm');
  });

  it('FINISH on the done page closes', async () => {
    const actor = await confirmed(fakes());
    await settled(actor);
    actor.send({ type: 'FINISH' });
    expect(actor.getSnapshot().status).toBe('done');
    expect(stateOf(actor.getSnapshot())).toBe('closed');
  });
});

describe('wizard: lost purchase answer', () => {
  it('reconciles (busy) and is confirmed by the balance', async () => {
    const reconcile = deferred<ReconcilePurchaseOutput, ReconcilePurchaseInput>();
    const f = fakes({ buyPostage: rejects(lostPurchaseAnswer()), reconcilePurchase: reconcile });
    const actor = await confirmed(f);
    await expect.poll(() => stateOf(actor.getSnapshot())).toBe('reconciling');
    expect(actor.getSnapshot().hasTag('busy')).toBe(true);
    expect(redact(reconcile.calls[0])).toEqual({
      teamId: 'T1',
      userId: 'U1',
      credentials: { accountId: ACCOUNT, passPhrase: '[redacted]' },
      requestId: 'req-1',
      amountCents: 2_500,
      before: accountView(),
    });

    reconcile.resolve({ outcome: 'confirmed', status: AFTER_BUY });
    const snapshot = await settled(actor);
    expect(stateOf(snapshot)).toBe('done');
    expect(snapshot.context.purchase).toMatchObject({
      outcome: 'confirmed',
      confirmedBy: 'balance',
      balanceAfterMils: 66_200,
    });
    expect(snapshot.context.failure).toBeNull();
    expect(f.buyPostage.calls).toHaveLength(1);
  });

  it('balance not moved: uncertain, saying the balance and that it could not be confirmed', async () => {
    const unchanged = accountView({ readAt: '2026-01-01T00:01:00.000Z' });
    const f = fakes({
      buyPostage: rejects(lostPurchaseAnswer()),
      reconcilePurchase: resolves({ outcome: 'unconfirmed', why: 'not-moved', status: unchanged }),
    });
    const snapshot = await settled(await confirmed(f));
    expect(stateOf(snapshot)).toBe('uncertain');
    expect(snapshot.context.purchase).toMatchObject({
      outcome: 'unconfirmed',
      confirmedBy: null,
      balanceAfterMils: 41_200,
    });
    expect(snapshot.context.status).toEqual(unchanged);
    expect(snapshot.context.failure?.message).toBe(
      'The purchase could not be confirmed. The balance is now $41.20; check it before buying again.',
    );
    expect(f.buyPostage.calls).toHaveLength(1);
  });

  it('balance moved by another amount: uncertain with the new balance', async () => {
    const moved = accountView({ balanceMils: 51_200 });
    const f = fakes({
      buyPostage: rejects(lostPurchaseAnswer()),
      reconcilePurchase: resolves({ outcome: 'unconfirmed', why: 'moved-otherwise', status: moved }),
    });
    const snapshot = await settled(await confirmed(f));
    expect(stateOf(snapshot)).toBe('uncertain');
    expect(snapshot.context.failure?.message).toMatch(/balance is now \$51\.20/);
  });

  it.each([
    [
      'unreadable',
      resolves<ReconcilePurchaseOutput, ReconcilePurchaseInput>({
        outcome: 'unconfirmed',
        why: 'unreadable',
        status: null,
      }),
    ],
    [
      'a failing re-read',
      rejects<ReconcilePurchaseOutput, ReconcilePurchaseInput>(failure('unavailable', 'X')),
    ],
  ])('balance %s: uncertain without a balance', async (_, reconcilePurchase) => {
    const f = fakes({ buyPostage: rejects(lostPurchaseAnswer()), reconcilePurchase });
    const snapshot = await settled(await confirmed(f));
    expect(stateOf(snapshot)).toBe('uncertain');
    expect(snapshot.context.purchase).toMatchObject({ outcome: 'unconfirmed', balanceAfterMils: null });
    expect(snapshot.context.failure).toMatchObject({ code: 'PURCHASE_UNCONFIRMED' });
    expect(snapshot.context.failure?.message).toMatch(/balance could not be read/);
  });

  it('FINISH on the uncertain page closes; CONFIRM there buys nothing', async () => {
    const f = fakes({
      buyPostage: rejects(lostPurchaseAnswer()),
      reconcilePurchase: resolves({ outcome: 'unconfirmed', why: 'unreadable', status: null }),
    });
    const actor = await confirmed(f);
    await settled(actor);
    actor.send({ type: 'CONFIRM' });
    expect(f.buyPostage.calls).toHaveLength(1);
    actor.send({ type: 'FINISH' });
    expect(stateOf(actor.getSnapshot())).toBe('closed');
  });
});
