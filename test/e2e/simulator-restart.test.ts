import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_STATE_FILE } from '../../src/compose.ts';
import type { SimAccountSeed } from '../../src/endicia/simulator/index.ts';
import { type Harness, startHarness } from '../helpers/bot-harness.ts';
import { balanceText, holdsSecret, loggedIn, NEW_PHRASES, page, shown, slackText } from './support.ts';

/** A demo account of the bot's own in-process simulator (no ENDICIA_URL). */
const DEMO = {
  accountId: '2800001',
  passPhrase: 'Demo <restart> & "9" it\'s',
  balance: '88',
  maxBalance: '1000',
} as const satisfies SimAccountSeed;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    env: { ENDICIA_URL: '', ENDICIA_SIMULATOR_ACCOUNTS: JSON.stringify([DEMO]) },
  });
});
afterAll(async () => {
  await h.close();
});

describe('the built-in simulator across a bot restart', () => {
  it('keeps a changed pass phrase and a spent balance, so the remembered login still works', async () => {
    expect(h.running.simulator).not.toBeNull();
    const user = h.driver.user({ teamId: 'T1', userId: 'U0DEMO', channelId: 'C0DEMO' });
    await loggedIn(user, DEMO, { remember: true });
    await user.click('open_change');
    await user.waitForView(page('changeForm'));
    user.fill('current_pass_phrase', 'current_pass_phrase', DEMO.passPhrase);
    user.fill('new_pass_phrase', 'new_pass_phrase', NEW_PHRASES.first);
    user.fill('confirm_pass_phrase', 'confirm_pass_phrase', NEW_PHRASES.first);
    await user.submit();
    await user.waitForView((v) => page('details')(v) && shown(v).includes('was changed'));
    await user.close();
    expect(await balanceText(user)).toContain('$88.00');

    await h.restart();
    const again = h.driver.user({ teamId: 'T1', userId: 'U0DEMO', channelId: 'C0DEMO' });
    // Before: a fresh simulator had the seeded phrase again, and refused the remembered (new) one.
    const text = await balanceText(again);
    expect(text).toContain('$88.00');
    expect(text).not.toContain('incorrect');
    expect(h.running.simulator?.account(DEMO.accountId)?.passPhrase === NEW_PHRASES.first).toBe(true);

    // The simulator's file sits in the data directory, sealed like the store: no file there holds a pass
    // phrase (a scan of the data directory must find none, whoever wrote the file).
    const names = await readdir(h.dir);
    expect(names).toContain(SIMULATOR_STATE_FILE);
    const disk = (
      await Promise.all(names.map((name) => readFile(join(h.dir, name), 'latin1').catch(() => '')))
    ).join('\n');
    const phrases = [DEMO.passPhrase, NEW_PHRASES.first];
    expect(holdsSecret(disk, phrases)).toBe(false);
    expect(holdsSecret(h.logs.join('\n'), phrases)).toBe(false);
    expect(holdsSecret(slackText(h), phrases)).toBe(false);
  });
});
