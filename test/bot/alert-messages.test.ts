import { describe, expect, it } from 'vitest';
import {
  alertSettingsMessage,
  alertsOffMessage,
  alertsPausedNotice,
  alertsSetMessage,
  alertsTurnedOffNotice,
  balanceRecovered,
  credentialsRefusedNotice,
  lowBalanceAlert,
  thresholdErrorMessage,
} from '../../src/bot/messages/index.ts';
import { ACCOUNT } from './fixtures.ts';

import { sub } from './message-cases.ts';

const json = (value: unknown) => JSON.stringify(value);

describe('alerts', () => {
  it('low balance: account, balance, threshold and a Buy postage button carrying the account', () => {
    const message = lowBalanceAlert({
      accountId: ACCOUNT,
      balanceMils: 8_000,
      thresholdMils: 50_000,
      environmentLabel: null,
    });
    expect(message.text).toContain('account 2500001 has *$8.00*, below the alert threshold of $50.00');
    const actions = message.blocks.find((b) => b.type === 'actions');
    expect(json(actions)).toContain('"action_id":"alert_buy"');
    expect(json(actions)).toContain(`"value":"${ACCOUNT}"`);
  });

  it('recovered: the edited alert, without a button', () => {
    const message = balanceRecovered({
      accountId: ACCOUNT,
      balanceMils: 90_000,
      thresholdMils: 50_000,
      environmentLabel: null,
    });
    expect(message.text).toContain('Recovered: balance $90.00 is above $50.00');
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
    // It keeps what the alert said: since when, and how low.
    const kept = balanceRecovered(
      { accountId: ACCOUNT, balanceMils: 90_000, thresholdMils: 50_000, environmentLabel: null },
      { alertTs: '1767323045.000100', lowMils: 8_000, lowAt: '2026-01-02T04:00:00.000Z' },
    );
    expect(kept.text).toContain(
      'Was below the alert threshold of $50.00 for account 2500001 since <!date^1767323045^',
    );
    expect(kept.text).toContain('last read at *$8.00* <!date^1767326400^');
  });

  it('settings, set, off, refused', () => {
    expect(json(alertSettingsMessage(sub, { environmentLabel: null }))).toContain('$50.00');
    expect(alertSettingsMessage(null, { environmentLabel: null }).text).toContain('No low-balance alerts');
    const set = alertsSetMessage({
      accountId: ACCOUNT,
      thresholdMils: 50_000,
      balanceMils: 8_000,
      environmentLabel: null,
    });
    expect(set.text).toContain('falls below *$50.00*');
    expect(set.text).toContain('already below');
    expect(set.text).not.toContain('refused');
    const blocked = alertsSetMessage({
      accountId: ACCOUNT,
      thresholdMils: 50_000,
      blocked: true,
      environmentLabel: null,
    });
    expect(blocked.text).toContain('refused your remembered pass phrase');
    expect(alertsOffMessage({ existed: true, environmentLabel: null }).text).toContain('are off');
    expect(alertsOffMessage({ existed: false, environmentLabel: null }).text).toContain('There were no');
    const refused = credentialsRefusedNotice({
      accountId: ACCOUNT,
      channels: ['C0001'],
      environmentLabel: null,
    });
    expect(refused.text).toContain('stopped checking');
    expect(refused.text).toContain('<#C0001>');
    expect(refused.text).toContain('/postage buy');
  });

  it('a paused alert is shown as paused — why — who can fix it and how, never as Watching', () => {
    const refused = json(
      alertSettingsMessage(sub, {
        environmentLabel: null,
        paused: { kind: 'refused', at: '2026-01-02T03:04:05.000Z' },
      }),
    );
    expect(refused).toContain('Paused: not checked');
    expect(refused).not.toContain('Watching');
    expect(refused).toContain("Endicia refused <@U0001>'s remembered pass phrase <!date^1767323045^");
    expect(refused).toContain('<@U0001> can resume it: run `/postage buy`');
    expect(refused).toContain('`/postage alerts $50.00`');
    const forgotten = json(
      alertSettingsMessage(sub, { environmentLabel: null, paused: { kind: 'forgotten' } }),
    );
    expect(forgotten).toContain(`<@U0001>'s login for account ${ACCOUNT} is no longer remembered`);
    const other = json(
      alertSettingsMessage(sub, { environmentLabel: null, paused: { kind: 'other-account' } }),
    );
    expect(other).toContain(`<@U0001> now remembers another account, not ${ACCOUNT}`);
    expect(json(alertSettingsMessage(sub, { environmentLabel: null, paused: null }))).toContain('Watching');
  });

  it('channel notes: paused (with or without the threshold), and turned off by someone else', () => {
    const paused = alertsPausedNotice(sub, { kind: 'forgotten' }, null).text;
    expect(paused).toContain(`alerts in this channel for account ${ACCOUNT} are paused`);
    expect(paused).toContain('`/postage alerts $50.00`');
    const unknownThreshold = { ...sub, thresholdMils: null };
    expect(alertsPausedNotice(unknownThreshold, { kind: 'refused', at: null }, null).text).toContain(
      "Endicia refused <@U0001>'s remembered pass phrase, and the bot does not try it again",
    );
    const off = alertsTurnedOffNotice('U0002', sub, null).text;
    expect(off).toBe(
      `:no_bell: <@U0002> turned off the low-balance alerts for account ${ACCOUNT} in this channel (set up by <@U0001>). Turn them back on with \`/postage alerts $50.00\`.`,
    );
  });

  it('threshold error does not repeat what was typed', () => {
    expect(thresholdErrorMessage('my secret text', null).text).not.toContain('my secret text');
  });
});
