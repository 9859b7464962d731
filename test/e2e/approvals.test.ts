import type { ViewOutput } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { ACCOUNTS, type Harness } from '../helpers/bot-harness.ts';
import type { SlackUser } from '../helpers/fake-slack/index.ts';
import { buyCalls, eventually, expectNoLeaks, loggedIn, reviewed, shown, useHarness } from './support.ts';
import { dmsTo, saveSettings } from './team-support.ts';

const MAIN = ACCOUNTS.main;
let h: Harness;
let seq = 0;
// The app's clock runs this far ahead of the real one (expiry without waiting 24 hours).
let ahead = 0;

useHarness(
  (started) => {
    h = started;
  },
  { overrides: { now: () => new Date(Date.now() + ahead) } },
);

interface Team {
  teamId: string;
  channel: string;
  requester: SlackUser;
  approver: SlackUser;
  second: SlackUser;
  outsider: SlackUser;
}

/** A workspace whose purchases above $100 need Approver or Second (the requester is an approver too). */
async function team(): Promise<Team> {
  seq += 1;
  const teamId = `T0AP${seq}`;
  const channel = `C0APPROVALS${seq}`;
  const person = (name: string) =>
    h.driver.user({ teamId, userId: `U0${name}${seq}`, channelId: `C0SHIP${seq}` });
  const [admin, requester, approver, second, outsider] = ['ADMIN', 'REQ', 'APPR', 'SECOND', 'OUT'].map(
    person,
  ) as [SlackUser, SlackUser, SlackUser, SlackUser, SlackUser];
  h.fake.setUser(admin.actor.userId, { is_owner: true });
  await saveSettings(h, admin, {
    approvalAbove: '100',
    approvers: [approver.actor.userId, second.actor.userId, requester.actor.userId],
    approvalsChannel: channel,
  });
  return { teamId, channel, requester, approver, second, outsider };
}

/** The requester confirms `amount`: the wizard says where it went; returns the request message. */
async function requestFor(t: Team, amount: string) {
  await loggedIn(t.requester, MAIN);
  await reviewed(t.requester, amount);
  const confirmed = await t.requester.submit();
  expect(confirmed.status).toBe(200);
  expect(shown(confirmed.response?.['view'] as ViewOutput)).toContain(`Sent for approval to <#${t.channel}>`);
  const message = await h.fake.waitFor((f) =>
    f.messagesIn(t.channel).find((m) => (m.text ?? '').includes('asks to buy')),
  );
  // The request keeps where its message landed (so a decision can edit it) right after posting it.
  await eventually(
    async () =>
      (await h.running.store.approvals.listPending(t.teamId)).some((r) => r.messageTs === message.ts),
    'the request to keep its message',
  );
  return message;
}

const said = (user: SlackUser) => JSON.stringify(user.responses());
const recredits = () => h.sim.account(MAIN.accountId)?.recredits ?? 0;

describe('approval above the threshold', () => {
  it('is not bought; the requester cannot approve it; an approver does, once; messages edited, DM, receipt', async () => {
    const t = await team();
    const calls = buyCalls(h, MAIN.accountId);
    const request = await requestFor(t, '150');
    expect(request.text).toContain('$150.00');
    expect(JSON.stringify(request.blocks)).toContain('$120.50');
    expect(JSON.stringify(request.blocks)).toContain(MAIN.accountId);
    expect(buyCalls(h, MAIN.accountId)).toBe(calls);

    // The requester is an approver, but never of their own request; a non-approver neither.
    await t.requester.clickMessageButton(t.channel, request.ts, 'approval_approve');
    await t.outsider.clickMessageButton(t.channel, request.ts, 'approval_approve');
    await h.fake.waitFor(
      () =>
        said(t.requester).includes('not yours to approve') &&
        said(t.outsider).includes('not yours to approve'),
    );
    expect(buyCalls(h, MAIN.accountId)).toBe(calls);

    const before = recredits();
    await t.approver.clickMessageButton(t.channel, request.ts, 'approval_approve');
    const edited = await h.fake.waitFor((f) =>
      f.messagesIn(t.channel).find((m) => m.ts === request.ts && (m.text ?? '').includes('and bought')),
    );
    expect(edited.text).toContain(`approved by <@${t.approver.actor.userId}>`);
    expect(JSON.stringify(edited.blocks)).not.toContain('approval_approve');
    expect(recredits()).toBe(before + 1);
    await h.fake.waitFor(() => dmsTo(h, t.requester.actor.userId).some((m) => m.includes('approved')));
    const receipt = await h.fake.waitFor((f) =>
      f.messagesIn(`C0SHIP${seq}`).find((m) => (m.text ?? '').includes('bought *$150.00*')),
    );
    expect(receipt.text).toContain(`<@${t.requester.actor.userId}>`);
    const stored = (await h.running.store.approvals.listPending(t.teamId)).length;
    expect(stored).toBe(0);
    const trail = (await h.running.store.audit.list(t.teamId, 20)).map((r) => r.kind);
    expect(trail).toEqual(
      expect.arrayContaining(['approval-request', 'approval-decision', 'purchase', 'settings-change']),
    );
  });

  it('two approvers at once: one purchase', async () => {
    const t = await team();
    const request = await requestFor(t, '120');
    const before = recredits();
    await Promise.all([
      t.approver.clickMessageButton(t.channel, request.ts, 'approval_approve'),
      t.second.clickMessageButton(t.channel, request.ts, 'approval_approve'),
    ]);
    await h.fake.waitFor((f) =>
      f.messagesIn(t.channel).find((m) => m.ts === request.ts && (m.text ?? '').includes('and bought')),
    );
    await h.fake.waitFor(() => said(t.approver).includes('already') || said(t.second).includes('already'));
    expect(recredits()).toBe(before + 1);
  });

  it('deny with a reason: nothing bought, the requester told', async () => {
    const t = await team();
    const request = await requestFor(t, '200');
    const calls = buyCalls(h, MAIN.accountId);
    await t.approver.clickMessageButton(t.channel, request.ts, 'approval_deny');
    await t.approver.waitForView((v) => v.callback_id === 'postage_deny');
    t.approver.fill('deny_reason', 'deny_reason', 'Too much this week');
    await t.approver.submit();
    const edited = await h.fake.waitFor((f) =>
      f.messagesIn(t.channel).find((m) => m.ts === request.ts && (m.text ?? '').includes('was denied')),
    );
    expect(edited.text).toContain('Too much this week');
    await h.fake.waitFor(() =>
      dmsTo(h, t.requester.actor.userId).some((m) => m.includes('Too much this week')),
    );
    expect(buyCalls(h, MAIN.accountId)).toBe(calls);
  });

  it('cancel: only the requester, while pending', async () => {
    const t = await team();
    const request = await requestFor(t, '101');
    await t.approver.clickMessageButton(t.channel, request.ts, 'approval_cancel');
    await h.fake.waitFor(() => said(t.approver).includes('Only the person who asked'));
    await t.requester.clickMessageButton(t.channel, request.ts, 'approval_cancel');
    await h.fake.waitFor((f) =>
      f.messagesIn(t.channel).find((m) => m.ts === request.ts && (m.text ?? '').includes('cancelled')),
    );
    expect(await h.running.store.approvals.listPending(t.teamId)).toEqual([]);
  });

  it('expires after 24 hours (the clock moved): message edited, requester told, nothing bought', async () => {
    const t = await team();
    const request = await requestFor(t, '130');
    const calls = buyCalls(h, MAIN.accountId);
    expect(await h.running.expireApprovals()).toBe(0);
    ahead += 24 * 60 * 60 * 1000 + 1_000;
    expect(await h.running.expireApprovals()).toBeGreaterThanOrEqual(1);
    const edited = await h.fake.waitFor((f) =>
      f.messagesIn(t.channel).find((m) => m.ts === request.ts && (m.text ?? '').includes('expired')),
    );
    expect(edited.blocks).toBeDefined();
    await h.fake.waitFor(() => dmsTo(h, t.requester.actor.userId).some((m) => m.includes('expired')));
    expect(await h.running.store.approvals.listPending(t.teamId)).toEqual([]);
    expect(buyCalls(h, MAIN.accountId)).toBe(calls);
  });

  it('kept no pass phrase in clear: logs, Slack, disk (sealed with the request, then deleted)', async () => {
    await expectNoLeaks(h);
  });

  it('at or below the threshold the purchase goes ahead as before', async () => {
    const t = await team();
    const before = recredits();
    await loggedIn(t.requester, MAIN);
    await reviewed(t.requester, '100');
    await t.requester.submit();
    await t.requester.waitForView((v) => v.callback_id === 'postage/done');
    expect(recredits()).toBe(before + 1);
  });
});
