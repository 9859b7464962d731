import { assertEvent, type SnapshotFrom } from 'xstate';
import { CodedError } from '../lib/coded-error.ts';
import { wizardSetup } from './wizard.setup.ts';

/** Only reachable when a guard let an inconsistent context through: a bug, never user input. */
function required<T>(value: T | null, what: string): T {
  if (value === null) throw new CodedError('WIZARD_INVARIANT', `wizard reached a call without ${what}`);
  return value;
}

/**
 * The Endicia Buy Postage Wizard (docs/product.md) as a statechart: account → verifying → remembering →
 * details → confirming → purchasing → done, with reconciling/uncertain for a lost purchase answer and a
 * Change Pass Phrase form. Every side effect is a placeholder actor the host provides; states tagged
 * 'busy' run one and ignore user events (only a login check may be cancelled — never a purchase).
 *
 * NOTE: persist only non-busy snapshots. A restored busy snapshot restarts its promise actor, and for
 * 'purchasing' that is a second charge.
 */
export const wizardMachine = wizardSetup.createMachine({
  id: 'wizard',
  context: ({ input }) => ({
    ...input,
    accountId: input.accountDraft ?? input.remembered?.accountId ?? null,
    credentials: null,
    pendingPassPhrase: null,
    remember: input.remembered !== null,
    reveal: false,
    status: null,
    amountCents: null,
    purchase: null,
    responseMessage: null,
    failure: null,
    notice: null,
  }),
  initial: 'opening',
  states: {
    // Transient: picks the first page from input.entry; a snapshot is never left here.
    opening: {
      always: [{ guard: 'opensPassPhraseForm', target: 'changeForm' }, { target: 'account' }],
    },
    account: {
      on: {
        LOGIN: [
          {
            guard: { type: 'loginIsValid', params: ({ event }) => event },
            target: 'verifying',
            actions: { type: 'startLogin', params: ({ event }) => event },
          },
          { actions: { type: 'rejectLogin', params: ({ event }) => event } },
        ],
        OPEN_CHANGE: {
          target: 'changeForm',
          actions: ['clearMessages', { type: 'takeTypedAccount', params: ({ event }) => event }],
        },
        CANCEL: 'closed',
      },
    },
    verifying: {
      tags: 'busy',
      invoke: {
        src: 'verifyAccount',
        // The pass phrase travels from the LOGIN event straight into the call, never into context; after a
        // change from the account page it is the new one, held only while this busy (unpersisted) state runs.
        input: ({ context, event }) => {
          if (event.type !== 'LOGIN') {
            const accountId = required(context.accountId, 'an account number');
            const passPhrase = required(context.pendingPassPhrase, 'the new pass phrase');
            return { teamId: context.teamId, userId: context.userId, accountId, passPhrase };
          }
          const accountId = event.accountId.trim();
          return { teamId: context.teamId, userId: context.userId, accountId, passPhrase: event.passPhrase };
        },
        onDone: {
          target: 'remembering',
          actions: { type: 'applyLogin', params: ({ event }) => event.output },
        },
        onError: { target: 'account', actions: { type: 'failLogin', params: ({ event }) => event } },
      },
      // Read-only call: leaving the state aborts it through the actor's signal.
      on: { CANCEL: 'closed' },
    },
    remembering: {
      tags: 'busy',
      invoke: {
        src: 'saveRememberPreference',
        input: ({ context }) => ({
          teamId: context.teamId,
          userId: context.userId,
          credentials: required(context.credentials, 'credentials'),
          remember: context.remember,
          status: required(context.status, 'an account status'),
        }),
        onDone: { target: 'details', actions: 'applyRemember' },
        onError: { target: 'details', actions: 'failRemember' },
      },
    },
    details: {
      on: {
        REVIEW: [
          {
            guard: { type: 'reviewIsValid', params: ({ event }) => event },
            target: 'confirming',
            actions: { type: 'review', params: ({ event }) => event },
          },
          { actions: { type: 'rejectReview', params: ({ event }) => event } },
        ],
        OPEN_CHANGE: { target: 'changeForm', actions: 'clearMessages' },
        LOGOUT: { target: 'account', actions: 'logout' },
        CANCEL: 'closed',
      },
    },
    confirming: {
      on: {
        CONFIRM: 'purchasing',
        BACK: { target: 'details', actions: 'dropPurchase' },
        CANCEL: 'closed',
      },
    },
    // No CANCEL and no CONFIRM here: a purchase always runs to its answer, and only once.
    purchasing: {
      tags: 'busy',
      invoke: {
        src: 'buyPostage',
        input: ({ context, event }) => {
          const purchase = required(context.purchase, 'a reviewed purchase');
          return {
            viewId: event.type === 'CONFIRM' ? (event.viewId ?? null) : null,
            sessionId: context.sessionId,
            teamId: context.teamId,
            userId: context.userId,
            channelId: context.channelId,
            credentials: required(context.credentials, 'credentials'),
            amountCents: purchase.amountCents,
            requestId: purchase.requestId,
            before: purchase.before,
          };
        },
        onDone: { target: 'done', actions: { type: 'applyPurchase', params: ({ event }) => event.output } },
        onError: [
          { guard: { type: 'answerWasLost', params: ({ event }) => event }, target: 'reconciling' },
          // The pass phrase (or the account) was refused: staying logged in would spend one more of the
          // five attempts that suspend the account on every further Buy. Back to the login page.
          {
            guard: { type: 'credentialsRefused', params: ({ event }) => event },
            target: 'account',
            actions: [{ type: 'dropPurchase' }, { type: 'failLogin', params: ({ event }) => event }],
          },
          { target: 'details', actions: { type: 'refusePurchase', params: ({ event }) => event } },
        ],
      },
    },
    reconciling: {
      tags: 'busy',
      invoke: {
        src: 'reconcilePurchase',
        input: ({ context }) => {
          const purchase = required(context.purchase, 'a reviewed purchase');
          return {
            teamId: context.teamId,
            userId: context.userId,
            credentials: required(context.credentials, 'credentials'),
            requestId: purchase.requestId,
            amountCents: purchase.amountCents,
            before: purchase.before,
          };
        },
        onDone: [
          {
            guard: { type: 'balanceConfirms', params: ({ event }) => event.output },
            target: 'done',
            actions: { type: 'applyReconcile', params: ({ event }) => event.output },
          },
          { target: 'uncertain', actions: { type: 'applyReconcile', params: ({ event }) => event.output } },
        ],
        onError: { target: 'uncertain', actions: 'failReconcile' },
      },
    },
    done: { on: { FINISH: 'closed', CANCEL: 'closed' } },
    uncertain: { on: { FINISH: 'closed', CANCEL: 'closed' } },
    changeForm: {
      on: {
        CHANGE: [
          {
            guard: { type: 'changeIsValid', params: ({ event }) => event },
            target: 'changing',
            actions: { type: 'startChange', params: ({ event }) => event },
          },
          { actions: { type: 'rejectChange', params: ({ event }) => event } },
        ],
        BACK: [
          { guard: 'opensPassPhraseForm', target: 'closed' },
          { guard: 'loggedIn', target: 'details', actions: 'clearMessages' },
          { target: 'account', actions: 'clearMessages' },
        ],
        CANCEL: 'closed',
      },
    },
    // Not cancellable: the pass phrase may already be changed at Endicia.
    changing: {
      tags: 'busy',
      invoke: {
        src: 'changePassPhrase',
        input: ({ context, event }) => {
          assertEvent(event, 'CHANGE');
          return {
            teamId: context.teamId,
            userId: context.userId,
            accountId: event.accountId.trim(),
            currentPassPhrase: event.currentPassPhrase,
            newPassPhrase: event.newPassPhrase,
          };
        },
        onDone: [
          { guard: 'opensPassPhraseForm', target: 'changed', actions: 'applyChange' },
          { guard: 'loggedIn', target: 'details', actions: 'applyChange' },
          // Changed from the account page: log in with the new pass phrase at once, nothing retyped.
          { guard: 'hasPendingLogin', target: 'verifying', actions: 'applyChangeBeforeLogin' },
          { target: 'account', actions: 'applyChange' },
        ],
        onError: { target: 'changeForm', actions: { type: 'failChange', params: ({ event }) => event } },
      },
    },
    changed: { on: { FINISH: 'closed', CANCEL: 'closed' } },
    closed: { type: 'final' },
  },
});

/** The wizard's machine type; `.provide()` returns the same type. */
export type WizardMachine = typeof wizardMachine;

/** A snapshot of the wizard: what every turn returns and the views render from. */
export type WizardSnapshot = SnapshotFrom<WizardMachine>;
