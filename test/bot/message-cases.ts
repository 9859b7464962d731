import { reloadBoughtNote, reloadFailedNote } from '../../src/alerts/reload-rule.ts';
import {
  alertSettingsMessage,
  alertsOffMessage,
  alertsPausedNotice,
  alertsSetMessage,
  alertsTurnedOffNotice,
  type BotMessage,
  balanceMessage,
  balanceRecovered,
  blockedMessage,
  credentialsRefusedNotice,
  failureMessage,
  forgetMessage,
  helpMessage,
  historyMessage,
  lowBalanceAlert,
  notRememberedMessage,
  receiptMessage,
  reloadOffNotice,
  reloadReply,
  thresholdErrorMessage,
  uncertainMessage,
} from '../../src/bot/messages/index.ts';
import type { PurchaseRecord } from '../../src/store/index.ts';
import { ACCOUNT, purchase } from './fixtures.ts';

/** A stored purchase record. */
export function record(i: number, overrides: Partial<PurchaseRecord> = {}): PurchaseRecord {
  return {
    requestId: `req-${i}`,
    teamId: 'T0001',
    userId: 'U0001',
    accountId: ACCOUNT,
    amountMils: 25_000,
    balanceBeforeMils: 1_234_500,
    balanceAfterMils: 1_259_500,
    transactionId: `90${i}`,
    message: 'OK',
    state: 'confirmed',
    channelId: 'C0001',
    createdAt: '2026-01-02T03:04:05.000Z',
    updatedAt: '2026-01-02T03:04:05.000Z',
    ...overrides,
  };
}

/** A channel's alert subscription. */
export const sub = {
  accountId: ACCOUNT,
  thresholdMils: 50_000,
  ownerUserId: 'U0001',
  state: 'armed' as const,
  lastBalanceMils: 1_234_500,
  lastCheckedAt: '2026-01-02T03:04:05.000Z',
};
/** A purchase Endicia answered. */
export const applied = purchase({
  transactionId: '9001',
  balanceAfterMils: 1_259_500,
  message: 'Submitted.',
  outcome: 'confirmed',
  confirmedBy: 'endicia',
});
/** Who bought. */
export const who = (environmentLabel: string | null) => ({
  accountId: ACCOUNT,
  userId: 'U0001',
  environmentLabel,
});

/** Every message builder, for a given environment label. */
export function everyMessage(label: string | null): [string, BotMessage][] {
  return [
    ['receipt', receiptMessage(applied, who(label))],
    [
      'uncertain',
      uncertainMessage(purchase({ outcome: 'unconfirmed', balanceAfterMils: 1_234_500 }), who(label)),
    ],
    ['help', helpMessage(label)],
    ['help after an unknown command', helpMessage(label, { word: 'balanse', suggestion: 'balance' })],
    [
      'balance',
      balanceMessage({
        accountId: ACCOUNT,
        balanceMils: 1_234_500,
        accountStatus: 'A',
        readAt: '2026-01-02T03:04:05.000Z',
        environmentLabel: label,
        runway: { kind: 'rate', spentMils: 300_000, spanMs: 6 * 86_400_000, daysLeft: 24 },
      }),
    ],
    ['not remembered', notRememberedMessage(label)],
    ['blocked', blockedMessage(ACCOUNT, label)],
    ['failure', failureMessage('Endicia is unavailable, try again.', label)],
    [
      'history',
      historyMessage([record(1), record(2, { state: 'unconfirmed', transactionId: null })], {
        environmentLabel: label,
      }),
    ],
    ['history, empty', historyMessage([], { environmentLabel: label })],
    [
      'forget',
      forgetMessage({ hadCredentials: true, alertChannels: ['C0001', 'C0002'], environmentLabel: label }),
    ],
    [
      'low balance',
      lowBalanceAlert({
        accountId: ACCOUNT,
        balanceMils: 8_000,
        thresholdMils: 50_000,
        environmentLabel: label,
      }),
    ],
    [
      'recovered',
      balanceRecovered({
        accountId: ACCOUNT,
        balanceMils: 90_000,
        thresholdMils: 50_000,
        environmentLabel: label,
      }),
    ],
    ['alert settings', alertSettingsMessage(sub, { environmentLabel: label })],
    ['no alert settings', alertSettingsMessage(null, { environmentLabel: label })],
    [
      'paused alert settings',
      alertSettingsMessage(sub, {
        environmentLabel: label,
        paused: { kind: 'refused', at: '2026-01-02T03:04:05Z' },
      }),
    ],
    ['alerts paused note', alertsPausedNotice(sub, { kind: 'forgotten' }, label)],
    ['alerts turned off note', alertsTurnedOffNotice('U0002', sub, label)],
    [
      'alerts set',
      alertsSetMessage({
        accountId: ACCOUNT,
        thresholdMils: 50_000,
        balanceMils: 8_000,
        blocked: true,
        environmentLabel: label,
      }),
    ],
    ['alerts off', alertsOffMessage({ existed: true, environmentLabel: label })],
    ['threshold error', thresholdErrorMessage('fifty', label)],
    [
      'credentials refused',
      credentialsRefusedNotice({ accountId: ACCOUNT, channels: ['C0001'], environmentLabel: label }),
    ],
    // Automatic reload (issue 15): the alert at its longest (every status line, a clipped note), the
    // receipt in its thread, and the owner's notice that it was turned off.
    [
      'low balance with every status line and a reload note',
      lowBalanceAlert(
        { accountId: ACCOUNT, balanceMils: 8_000, thresholdMils: 50_000, environmentLabel: label },
        {
          acknowledgedBy: 'U0001',
          acknowledgedAt: '2026-01-02T03:04:05.000Z',
          snoozedBy: 'U0002',
          snoozedUntil: '2026-01-02T04:04:05.000Z',
          escalatedAt: '2026-01-02T05:04:05.000Z',
          escalatedTo: Array.from({ length: 10 }, (_, i) => `U00${i}`),
          reloadNote: reloadFailedNote(100_000, `${'<Endicia & its words> '.repeat(200)}`),
        },
      ),
    ],
    ['reload receipt', reloadReply(label, reloadBoughtNote(100_000, 108_750))],
    ['reload off notice', reloadOffNotice(label, 'C0001', reloadFailedNote(100_000, 'x'.repeat(2_000)))],
    [
      'alert settings with reload on',
      alertSettingsMessage({ ...sub, ...RELOAD_ON }, { environmentLabel: label }),
    ],
  ];
}

const RELOAD_ON = {
  reloadAmountMils: 100_000,
  reloadsPerDay: 2,
  reloadOnAt: '2026-01-02T03:04:05.000Z',
  reloadOnBy: 'U0001',
};
