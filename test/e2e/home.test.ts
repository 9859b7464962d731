import { beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, type Harness } from '../helpers/bot-harness.ts';
import { eventually, loggedIn, page, reviewed, useHarness } from './support.ts';
import { saveSettings } from './team-support.ts';

const MAIN = ACCOUNTS.main;
const OTHER = ACCOUNTS.other;
const DAY = 86_400_000;
const TEAM = 'T0HOME';
let h: Harness;

useHarness((started) => {
  h = started;
});
beforeAll(async () => {
  h.fake.setUser('U0HOMEADMIN', { is_admin: true });
  await saveSettings(h, person('U0HOMEADMIN'), {
    approvalAbove: '100',
    approvers: ['U0HOMEAPPR'],
    approvalsChannel: 'C0HOMEAPPROVALS',
  });
});

function person(userId: string) {
  return h.driver.user({ teamId: TEAM, userId, channelId: 'C0HOMESHIP' });
}

/** The Home tab last published for a person, as text, once `probe` holds for it. */
async function home(userId: string, probe: (text: string) => boolean = () => true): Promise<string> {
  return h.fake.waitFor((f) => {
    const view = f.homeOf(userId);
    const text = view === undefined ? '' : JSON.stringify(view);
    return view !== undefined && probe(text) ? text : undefined;
  });
}

describe('the Home tab', () => {
  it('a buyer: remembered account, last balance and its age, Buy postage, recent purchases; no settings', async () => {
    const buyer = person('U0HOMEBUYER');
    const opened = await buyer.openHome();
    expect(opened.status).toBe(200);
    expect(await home('U0HOMEBUYER')).toContain('No Endicia account is remembered');

    await loggedIn(buyer, MAIN, { remember: true });
    await reviewed(buyer, '20');
    await buyer.submit();
    await buyer.waitForView(page('done'));
    // Re-published after the purchase, without opening it again.
    const text = await home('U0HOMEBUYER', (t) => t.includes('$20.00'));
    expect(text).toContain(MAIN.accountId);
    expect(text).toMatch(/Last known balance \*\$\d+\.\d{2}\*, read <!date\^/);
    expect(text).toContain('"action_id":"home_buy"');
    expect(text).not.toContain('home_edit_settings');
    expect(text).not.toContain(MAIN.passPhrase);
  });

  it('an approver: requests waiting for their decision with Approve / Deny, gone once decided', async () => {
    const requester = person('U0HOMEREQ');
    await loggedIn(requester, MAIN);
    await reviewed(requester, '150');
    await requester.submit();
    const text = await home('U0HOMEAPPR', (t) => t.includes('Waiting for your decision'));
    expect(text).toContain('<@U0HOMEREQ> asks for *$150.00*');
    expect(text).toContain('"action_id":"approval_approve"');
    expect(text).toContain('"action_id":"approval_deny"');
    // The requester's own Home never offers their request for approval.
    await requester.openHome();
    expect(await home('U0HOMEREQ')).not.toContain('Waiting for your decision');

    const request = await h.fake.waitFor((f) =>
      f.messagesIn('C0HOMEAPPROVALS').find((m) => (m.text ?? '').includes('asks to buy')),
    );
    await person('U0HOMEAPPR').clickMessageButton('C0HOMEAPPROVALS', request.ts, 'approval_approve');
    await home('U0HOMEAPPR', (t) => !t.includes('Waiting for your decision'));
  });

  it('a postage admin: the settings with an Edit button', async () => {
    await person('U0HOMEADMIN').openHome();
    const text = await home('U0HOMEADMIN', (t) => t.includes('Workspace settings'));
    expect(text).toContain('Approval above: $100.00');
    expect(text).toContain('"action_id":"home_edit_settings"');
  });

  it('the runway beside the last known balance and on each alert line, from the kept readings', async () => {
    const watcher = person('U0HOMERUNWAY');
    // Two days ago $105.00, yesterday $90.00; the login reads $75.00 now: $30.00 used over two days,
    // so $75.00 lasts five days (and a little: the span is two days and the test's milliseconds).
    const now = Date.now();
    for (const [daysAgo, balanceMils] of [
      [2, 105_000],
      [1, 90_000],
    ] as const) {
      await h.running.store.balanceReadings.add({
        teamId: TEAM,
        accountId: OTHER.accountId,
        balanceMils,
        readAt: new Date(now - daysAgo * DAY).toISOString(),
        source: 'sweep',
      });
    }
    await loggedIn(watcher, OTHER, { remember: true });
    await eventually(
      async () =>
        (await h.running.store.balanceReadings.listSince(TEAM, OTHER.accountId, new Date(now).toISOString()))
          .length > 0,
      'the login reading to be kept',
    );
    const checkedAt = new Date().toISOString();
    await h.running.store.alerts.put({
      teamId: TEAM,
      channelId: 'C0HOMERUNWAY',
      ownerUserId: 'U0HOMERUNWAY',
      accountId: OTHER.accountId,
      thresholdMils: 50_000,
      state: 'armed',
      alertMessageTs: null,
      lastBalanceMils: 75_000,
      lastCheckedAt: checkedAt,
      createdAt: checkedAt,
    });
    await watcher.openHome();
    const text = await home('U0HOMERUNWAY', (t) => t.includes('C0HOMERUNWAY'));
    expect(text).toMatch(
      /Last known balance \*\$75\.00\*, read <!date\^\d+\^[^>]*>, about 5 days left at this week's rate\./,
    );
    expect(text).toContain(
      "<#C0HOMERUNWAY> · account 2600002 below $50.00 · watching · $75.00, about 5 days left at this week's rate",
    );
    // Someone whose account has no history: the balance says so rather than guessing.
    const buyer = await home('U0HOMEBUYER');
    expect(buyer).toMatch(
      /Last known balance \*\$\d+\.\d{2}\*, read <!date\^[^>]*>, not enough history yet\./,
    );
    expect(buyer).not.toContain("at this week's rate");
  });

  it('stays within 100 blocks however long the lists grow', async () => {
    const now = Date.now();
    for (let i = 0; i < 40; i += 1) {
      await h.running.store.approvals.create(
        {
          requestId: `HOME-R${i}`,
          teamId: TEAM,
          requesterId: `U0MANY${i}`,
          accountId: MAIN.accountId,
          amountMils: 200_000,
          balanceMils: null,
          channelId: 'C0HOMEAPPROVALS',
          messageTs: null,
          originChannelId: null,
          state: 'pending',
          decidedBy: null,
          reason: null,
          createdAt: new Date(now + i).toISOString(),
          expiresAt: new Date(now + 86_400_000).toISOString(),
          decidedAt: null,
        },
        'fake phrase',
      );
      await h.running.store.alerts.put({
        teamId: TEAM,
        channelId: `C0MANY${i}`,
        ownerUserId: 'U0HOMEAPPR',
        accountId: MAIN.accountId,
        thresholdMils: 50_000,
        state: 'armed',
        alertMessageTs: null,
        lastBalanceMils: null,
        lastCheckedAt: null,
        createdAt: new Date(now + i).toISOString(),
      });
    }
    await person('U0HOMEAPPR').openHome();
    const text = await home('U0HOMEAPPR', (t) => t.includes('…and 30 more'));
    const blocks = (h.fake.homeOf('U0HOMEAPPR')?.['blocks'] as unknown[] | undefined)?.length;
    expect(blocks).toBeLessThanOrEqual(100);
    expect(text.match(/…and 30 more/g)).toHaveLength(2);
  });
});
