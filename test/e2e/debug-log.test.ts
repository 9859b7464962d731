import { describe, expect, it } from 'vitest';
import { ACCOUNTS, type Harness } from '../helpers/bot-harness.ts';
import { eventually, loggedIn, page, reviewed, useHarness } from './support.ts';

// LOG_LEVEL=debug (the harness's level) says what an operator chasing a stuck purchase or a missed
// alert needs: the wizard's turns, every Endicia call (operation, duration, outcome), alert decisions.
const MAIN = ACCOUNTS.main;

let h: Harness;
useHarness((started) => {
  h = started;
});

const debugLines = (message: string) =>
  h.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((r) => r['msg'] === message || r['message'] === message);

describe('LOG_LEVEL=debug', () => {
  it('logs turns, Endicia calls and alert decisions (without secrets)', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0DEBUG', channelId: 'C0DEBUG' });
    await loggedIn(user, MAIN, { remember: true });
    await reviewed(user, '10');
    await user.submit();
    await user.waitForView(page('done'));
    await user.close();
    await user.command('/postage', 'alerts 50');

    await eventually(async () => debugLines('alert decision').length > 0, 'an alert decision');
    const calls = debugLines('endicia call');
    expect(calls).toContainEqual(
      expect.objectContaining({
        op: 'BuyPostage',
        accountId: MAIN.accountId,
        outcome: 'ok',
        ms: expect.any(Number),
      }),
    );
    expect(calls).toContainEqual(expect.objectContaining({ op: 'GetAccountStatus', outcome: 'ok' }));
    expect(debugLines('wizard turn')).toContainEqual(
      expect.objectContaining({ userId: 'U0DEBUG', event: 'CONFIRM', immediate: 'purchasing' }),
    );
    expect(debugLines('wizard turn settled')).toContainEqual(
      expect.objectContaining({ event: 'CONFIRM', settled: 'done' }),
    );
    expect(debugLines('alert decision')[0]).toMatchObject({
      channelId: 'C0DEBUG',
      accountId: MAIN.accountId,
    });
    expect(h.logs.some((line) => line.includes(MAIN.passPhrase))).toBe(false);
  });
});
