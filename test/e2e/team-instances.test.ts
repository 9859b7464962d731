import type { ViewOutput } from '@slack/bolt';
import { afterEach, expect, it } from 'vitest';
import { ACCOUNTS } from '../helpers/bot-harness.ts';
import type { SlackUser } from '../helpers/fake-slack/index.ts';
import { type Instances, startInstances } from '../helpers/instances-harness.ts';
import { createTestDatabase, describePostgres } from '../helpers/postgres.ts';
import { eventually, loggedIn, reviewed, shown } from './support.ts';
import { dmsTo, saveSettings } from './team-support.ts';

// Team controls' guarantees across instances (issue 14): two app instances on one fresh PostgreSQL
// database, each opening it itself as separate processes would; Slack's requests go to one or the other.
const MAIN = ACCOUNTS.main;
const TEAM = 'T1';

let x: Instances;
const drops: Array<() => Promise<void>> = [];
afterEach(async () => {
  expect(x.fake.violations).toEqual([]);
  await x.close();
  for (const drop of drops.splice(0)) await drop();
});

async function twoInstances(): Promise<Instances> {
  const database = await createTestDatabase();
  drops.push(database.drop);
  x = await startInstances({ storeUrl: database.url, count: 2 });
  return x;
}

/** `userId` at instance `index` (every request of theirs goes there). */
const at = (index: number, userId: string) =>
  x.driverFor(index).user({ teamId: TEAM, userId, channelId: `C0SHIP${userId}` });

const buys = () => x.sim.calls.filter((call) => call.op === 'BuyPostage').length;
const recredits = () => x.sim.account(MAIN.accountId)?.recredits ?? 0;
const said = (user: SlackUser) => JSON.stringify(user.responses());

/** The workspace's owner saves `input` as the settings. */
async function settings(input: Parameters<typeof saveSettings>[2]): Promise<void> {
  const admin = at(0, 'U0ADMIN');
  x.fake.setUser(admin.actor.userId, { is_owner: true });
  await saveSettings(x, admin, input);
}

/** `requester` confirms `amount` above the threshold; returns the request message once it is stored. */
async function requestFor(requester: SlackUser, channel: string, amount: string) {
  await loggedIn(requester, MAIN);
  await reviewed(requester, amount);
  const confirmed = await requester.submit();
  expect(shown(confirmed.response?.['view'] as ViewOutput)).toContain(`Sent for approval to <#${channel}>`);
  const message = await x.fake.waitFor((f) =>
    f.messagesIn(channel).find((m) => (m.text ?? '').includes(`$${amount}.00`) && !m.threadTs),
  );
  await eventually(
    async () => (await x.store.approvals.listPending(TEAM)).some((r) => r.messageTs === message.ts),
    'the request to keep its message',
  );
  return message;
}

/** Every instance stops after finishing what it started (so nothing is still on its way). */
async function drained(): Promise<void> {
  await Promise.all(x.apps.map((app) => app.stop(10_000).then(({ drained }) => expect(drained).toBe(true))));
  x.apps.length = 0;
}

describePostgres('team controls on two instances on one PostgreSQL', () => {
  it('two approvers click Approve at once on two instances: one purchase, one receipt, one edit, one DM', async () => {
    await twoInstances();
    const channel = 'C0APPROVALS';
    await settings({ approvalAbove: '100', approvers: ['U0APPR', 'U0SECOND'], approvalsChannel: channel });
    const requester = at(0, 'U0REQ');
    const request = await requestFor(requester, channel, '120');
    const [before, calls] = [recredits(), buys()];
    const updates = () => x.fake.callsTo('chat.update').filter((call) => call.args['ts'] === request.ts);
    const edits = updates().length;
    // Slow enough that both clicks are in the app before either purchase could finish.
    x.sim.setLatency(1_000);
    const [approver, second] = [at(0, 'U0APPR'), at(1, 'U0SECOND')];
    await Promise.all([
      approver.clickMessageButton(channel, request.ts, 'approval_approve'),
      second.clickMessageButton(channel, request.ts, 'approval_approve'),
    ]);
    await x.fake.waitFor((f) =>
      f.messagesIn(channel).find((m) => m.ts === request.ts && (m.text ?? '').includes('and bought')),
    );
    await x.fake.waitFor(() => said(approver).includes('already') || said(second).includes('already'));
    await x.fake.waitFor(() => x.fake.messagesIn('C0SHIPU0REQ')[0]);
    x.sim.setLatency(0);
    expect(await x.store.approvals.listPending(TEAM)).toEqual([]);
    await drained();

    expect(buys()).toBe(calls + 1);
    expect(recredits()).toBe(before + 1);
    const receipts = x.fake.messagesIn('C0SHIPU0REQ');
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.text).toContain('bought *$120.00*');
    // One decision's edits (decided, then its result), all by one approver: never the loser's.
    const decided = updates().slice(edits);
    const deciders = new Set(
      decided.map((call) => (String(call.args['text']).includes('U0SECOND') ? 'U0SECOND' : 'U0APPR')),
    );
    expect(deciders.size).toBe(1);
    expect(decided.filter((call) => String(call.args['text']).includes('and bought'))).toHaveLength(1);
    expect(dmsTo(x, requester.actor.userId).filter((text) => text.includes('approved'))).toHaveLength(1);
  });
});

describePostgres('limits on two instances on one PostgreSQL: the check and the claim are one step', () => {
  it('two people buy at once on two instances over the monthly limit: one bought, the other refused at the amount', async () => {
    await twoInstances();
    await settings({ monthlyLimit: '150' });
    const [one, two] = [at(0, 'U0ONE'), at(1, 'U0TWO')];
    for (const person of [one, two]) {
      await loggedIn(person, MAIN);
      await reviewed(person, '100');
    }
    const [before, calls] = [recredits(), buys()];
    x.sim.setLatency(500);
    await Promise.all([one.submit(), two.submit()]);
    await x.fake.waitFor(() => [one, two].some((p) => p.currentView()?.callback_id === 'postage/done'));
    await x.fake.waitFor(() =>
      [one, two].some((p) => JSON.stringify(p.currentView()).includes('more this month')),
    );
    x.sim.setLatency(0);
    const refused = [one, two].find((p) => p.currentView()?.callback_id === 'postage/details');
    expect(JSON.stringify(refused?.currentView()?.blocks)).toContain(
      "That is over the workspace's monthly limit (30 days). The workspace can buy up to $50.00 more this month.",
    );
    const trail = (await x.store.audit.list(TEAM, 20)).map((r) => r.kind);
    expect(trail.filter((kind) => kind === 'limit-refusal')).toHaveLength(1);
    await drained();
    expect(buys()).toBe(calls + 1);
    expect(recredits()).toBe(before + 1);
  });

  it("one person's two approved requests decided at once on two instances over the daily limit: one bought", async () => {
    await twoInstances();
    const channel = 'C0DAILY';
    await settings({
      approvalAbove: '50',
      approvers: ['U0APPR', 'U0SECOND'],
      approvalsChannel: channel,
      dailyLimit: '150',
    });
    const requester = at(0, 'U0REQ');
    // Waiting requests are not spending: both fit at review.
    const first = await requestFor(requester, channel, '100');
    const second = await requestFor(requester, channel, '90');
    const [before, calls] = [recredits(), buys()];
    x.sim.setLatency(500);
    await Promise.all([
      at(0, 'U0APPR').clickMessageButton(channel, first.ts, 'approval_approve'),
      at(1, 'U0SECOND').clickMessageButton(channel, second.ts, 'approval_approve'),
    ]);
    const settled = (ts: string) => (m: { ts: string; text?: string | undefined }) =>
      m.ts === ts && /and bought|more today/.test(m.text ?? '');
    await x.fake.waitFor((f) => f.messagesIn(channel).find(settled(first.ts)));
    await x.fake.waitFor((f) => f.messagesIn(channel).find(settled(second.ts)));
    x.sim.setLatency(0);
    const texts = [first.ts, second.ts].map(
      (ts) => x.fake.messagesIn(channel).find((m) => m.ts === ts)?.text ?? '',
    );
    expect(texts.filter((text) => text.includes('and bought'))).toHaveLength(1);
    // What is left is the daily limit less the one bought ($100 or $90).
    expect(texts.filter((text) => /You can buy up to \$(50|60)\.00 more today/.test(text))).toHaveLength(1);
    await drained();
    expect(buys()).toBe(calls + 1);
    expect(recredits()).toBe(before + 1);
  });
});
