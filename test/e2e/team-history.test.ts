import { beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, type Harness } from '../helpers/bot-harness.ts';
import { loggedIn, page, reviewed, useHarness } from './support.ts';

const MAIN = ACCOUNTS.main;
let h: Harness;

useHarness((started) => {
  h = started;
});

const TEAM = 'T0HIST';
const person = (userId: string) => h.driver.user({ teamId: TEAM, userId, channelId: 'C0HIST' });

async function buy(userId: string, amount: string): Promise<void> {
  const buyer = person(userId);
  await loggedIn(buyer, MAIN);
  await reviewed(buyer, amount);
  await buyer.submit();
  await buyer.waitForView(page('done'));
  await buyer.close();
}

describe('history all and export (postage admins)', () => {
  beforeAll(async () => {
    await buy('U0BUYERA', '12.50');
    await buy('U0BUYERB', '30');
    h.fake.setUser('U0HISTADMIN', { is_admin: true });
  });

  it('history all: the workspace’s recent purchases with who bought them; refused to others', async () => {
    const refused = await person('U0PLAIN').command('/postage', 'history all');
    expect(String(refused.body?.['text'])).toContain('Only postage admins');
    const answer = await person('U0HISTADMIN').command('/postage', 'history all');
    expect(answer.body?.['response_type']).toBe('ephemeral');
    const text = JSON.stringify(answer.body?.['blocks']);
    expect(text).toContain('<@U0BUYERA>');
    expect(text).toContain('<@U0BUYERB>');
    expect(text).toContain('$12.50');
    expect(text.indexOf('$30.00')).toBeLessThan(text.indexOf('$12.50'));
    // Plain /postage history is still one's own.
    const own = await person('U0BUYERA').command('/postage', 'history');
    expect(JSON.stringify(own.body)).not.toContain('$30.00');
  });

  it('export: a CSV by DM through files.getUploadURLExternal → upload → files.completeUploadExternal', async () => {
    const refused = await person('U0PLAIN').command('/postage', 'export');
    expect(String(refused.body?.['text'])).toContain('Only postage admins');
    await person('U0HISTADMIN').command('/postage', 'export');
    const file = await h.fake.waitFor((f) => f.files().find((x) => x.completed));
    const dm = h.fake.callsTo('conversations.open').find((c) => c.args['users'] === 'U0HISTADMIN');
    expect(file.channel).toBe((dm?.response['channel'] as { id?: string } | undefined)?.id);
    expect(file.filename).toMatch(/^postage-purchases-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (file.content ?? '').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'created_at,request_id,user_id,account,amount_usd,state,balance_before_usd,balance_after_usd,transaction_id,channel_id,response_message',
    );
    expect(lines).toHaveLength(3);
    const [newest, oldest] = [lines[1]?.split(',') ?? [], lines[2]?.split(',') ?? []];
    expect(newest.slice(2, 6)).toEqual(['U0BUYERB', MAIN.accountId, '30.00', 'confirmed']);
    expect(oldest.slice(2, 6)).toEqual(['U0BUYERA', MAIN.accountId, '12.50', 'confirmed']);
    expect(oldest[7]).toBe('133.00');
    expect(h.fake.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect(h.fake.callsTo('files.completeUploadExternal')).toHaveLength(1);
  });
});
