import { describe, expect, it } from 'vitest';
import { ACCOUNTS, type Harness } from '../helpers/bot-harness.ts';
import type { SlackUser } from '../helpers/fake-slack/index.ts';
import { buyCalls, loggedIn, page, reviewed, useHarness } from './support.ts';
import { type SettingsInput, saveSettings, settingsModal } from './team-support.ts';

const MAIN = ACCOUNTS.main;
let h: Harness;
let seq = 0;

useHarness((started) => {
  h = started;
});

/** A fresh workspace per test, with one workspace admin. */
function workspace(): { teamId: string; admin: SlackUser; person: (name: string) => SlackUser } {
  seq += 1;
  const teamId = `T0TS${seq}`;
  const person = (name: string) =>
    h.driver.user({ teamId, userId: `U0${name}${seq}`, channelId: `C0TS${seq}` });
  const admin = person('ADMIN');
  h.fake.setUser(admin.actor.userId, { is_admin: true });
  return { teamId, admin, person };
}

const save = (admin: SlackUser, input: SettingsInput) => saveSettings(h, admin, input);

describe('/postage settings', () => {
  it('is refused to someone who is no postage admin, with a short ephemeral answer', async () => {
    const { person } = workspace();
    const opens = h.fake.callsTo('views.open').length;
    const answer = await person('MEMBER').command('/postage', 'settings');
    expect(answer.status).toBe(200);
    expect(answer.body?.['response_type']).toBe('ephemeral');
    expect(String(answer.body?.['text'])).toMatch(/only postage admins can change settings/i);
    expect(h.fake.callsTo('views.open')).toHaveLength(opens);
  });

  it('an admin sees the inputs by their labels; bad values get field errors; a save is recorded and announced', async () => {
    const { teamId, admin, person } = workspace();
    const approver = person('APPROVER');
    const view = await settingsModal(admin);
    const labels = view.blocks.flatMap((b) =>
      b.type === 'input' ? [String((b as { label: { text: string } }).label.text)] : [],
    );
    expect(labels).toEqual([
      'Approval above',
      'Approvers',
      'Approvals channel',
      'Daily limit per person',
      'Monthly limit',
      'Buyers',
      'Postage admins',
    ]);

    admin.fill('approval_above', 'approval_above', '12,50');
    admin.fill('daily_limit', 'daily_limit', '-5');
    admin.fill('monthly_limit', 'monthly_limit', '1e3');
    await admin.submit();
    expect(admin.lastErrors?.['approval_above']).toMatch(/amount in dollars/);
    expect(admin.lastErrors?.['daily_limit']).toMatch(/amount in dollars/);
    expect(admin.lastErrors?.['monthly_limit']).toMatch(/amount in dollars/);

    // A threshold without approvers or a channel is incomplete.
    admin.fill('approval_above', 'approval_above', '100');
    admin.fill('daily_limit', 'daily_limit', '');
    admin.fill('monthly_limit', 'monthly_limit', '');
    await admin.submit();
    expect(admin.lastErrors?.['approvers']).toMatch(/at least one approver/);
    expect(admin.lastErrors?.['approvals_channel']).toMatch(/channel/);

    admin.check('approvers', 'approvers', [approver.actor.userId]);
    admin.fill('approvals_channel', 'approvals_channel', 'C0APPROVALS');
    admin.fill('daily_limit', 'daily_limit', '$1,500.00');
    const saved = await admin.submit();
    expect(saved.response).toBeUndefined();
    expect(admin.lastErrors).toBeUndefined();

    const stored = await h.running.store.settings.get(teamId);
    expect(stored).toMatchObject({
      approvalAboveMils: 100_000,
      approverIds: [approver.actor.userId],
      approvalsChannelId: 'C0APPROVALS',
      dailyLimitMils: 1_500_000,
      monthlyLimitMils: null,
      buyerIds: [],
      updatedBy: admin.actor.userId,
    });
    const announced = await h.fake.waitFor((f) => f.messagesIn('C0APPROVALS').at(-1));
    expect(announced.text).toContain(`<@${admin.actor.userId}> changed the postage settings`);
    expect(announced.text).toContain('Approval above: never → $100.00');
    expect(announced.text).toContain('Daily limit per person: no limit → $1,500.00');
    const [audit] = await h.running.store.audit.list(teamId, 5);
    expect(audit).toMatchObject({ kind: 'settings-change', actorId: admin.actor.userId });
    expect(audit?.detail).toContain('Approval above: never → $100.00');

    // Opened again, the modal shows what was saved; saving it unchanged changes and announces nothing.
    const again = await settingsModal(admin);
    expect(JSON.stringify(again.blocks)).toContain('"initial_value":"100.00"');
    const before = h.fake.messagesIn('C0APPROVALS').length;
    await admin.submit();
    expect((await h.running.store.audit.list(teamId, 5)).length).toBe(1);
    expect(h.fake.messagesIn('C0APPROVALS').length).toBe(before);
  });

  it('a named postage admin may open and save them too', async () => {
    const { admin, person } = workspace();
    const named = person('NAMED');
    await save(admin, { postageAdmins: [named.actor.userId] });
    await settingsModal(named);
    named.fill('monthly_limit', 'monthly_limit', '900');
    await named.submit();
    expect(named.lastErrors).toBeUndefined();
  });
});

describe('buyers and limits', () => {
  it('a non-buyer is refused before any login is used (no modal, no Endicia call)', async () => {
    const { admin, person } = workspace();
    const buyer = person('BUYER');
    const outsider = person('OUTSIDER');
    await save(admin, { buyers: [buyer.actor.userId] });
    const calls = h.sim.calls.length;
    const opens = h.fake.callsTo('views.open').length;
    await outsider.command('/postage', 'buy 20');
    const said = await h.fake.waitFor(() => outsider.responses()[0]);
    expect(JSON.stringify(said)).toContain("not one of this workspace's postage buyers");
    expect(h.fake.callsTo('views.open').length).toBe(opens);
    expect(h.sim.calls.length).toBe(calls);
  });

  it('the daily limit is checked at the amount field with what is left, counting a pending purchase', async () => {
    const { teamId, admin, person } = workspace();
    const buyer = person('DAILY');
    await save(admin, { dailyLimit: '100' });
    // A purchase whose outcome is not known yet counts as spent.
    const now = new Date().toISOString();
    await h.running.store.purchases.begin({
      requestId: `pending-${teamId}`,
      teamId,
      userId: buyer.actor.userId,
      accountId: MAIN.accountId,
      amountMils: 60_000,
      balanceBeforeMils: null,
      balanceAfterMils: null,
      transactionId: null,
      message: null,
      state: 'pending',
      channelId: null,
      createdAt: now,
      updatedAt: now,
    });
    await h.running.store.purchases.update(`pending-${teamId}`, {
      state: 'unconfirmed',
      recheckClosedAt: now,
    });
    const before = buyCalls(h, MAIN.accountId);
    await loggedIn(buyer, MAIN);
    buyer.fill('amount', 'amount', '50');
    await buyer.submit();
    expect(buyer.lastErrors?.['amount']).toBe(
      'That is over your daily limit (24 hours). You can buy up to $40.00 more today.',
    );
    await reviewed(buyer, '40');
    await buyer.submit();
    await buyer.waitForView(page('done'));
    expect(buyCalls(h, MAIN.accountId)).toBe(before + 1);

    // Nothing left now: said plainly, and the refusal is in the audit trail.
    await buyer.close();
    await loggedIn(buyer, MAIN);
    buyer.fill('amount', 'amount', '10');
    await buyer.submit();
    expect(buyer.lastErrors?.['amount']).toBe(
      'That is over your daily limit (24 hours): nothing more can be bought today.',
    );
    const refusals = (await h.running.store.audit.list(teamId, 20)).filter((r) => r.kind === 'limit-refusal');
    expect(refusals).toHaveLength(2);
    expect(buyCalls(h, MAIN.accountId)).toBe(before + 1);
  });

  it('the monthly limit counts the whole workspace', async () => {
    const { admin, person } = workspace();
    const first = person('FIRST');
    const second = person('SECOND');
    await save(admin, { monthlyLimit: '70' });
    await loggedIn(first, MAIN);
    await reviewed(first, '45');
    await first.submit();
    await first.waitForView(page('done'));
    await loggedIn(second, MAIN);
    second.fill('amount', 'amount', '30');
    await second.submit();
    expect(second.lastErrors?.['amount']).toBe(
      "That is over the workspace's monthly limit (30 days). The workspace can buy up to $25.00 more this month.",
    );
  });
});
