import { describe, expect, it } from 'vitest';
import {
  alertSettingsMessage,
  alertsOffMessage,
  alertsSetMessage,
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

  it('threshold error does not repeat what was typed', () => {
    expect(thresholdErrorMessage('my secret text', null).text).not.toContain('my secret text');
  });
});
