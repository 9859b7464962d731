import { describe, expect, it } from 'vitest';
import { ACCOUNTS, type Harness, SIGNING_SECRET } from '../helpers/bot-harness.ts';
import {
  interactiveBody,
  type SlackUser,
  signRequest,
  viewSubmissionPayload,
} from '../helpers/fake-slack/index.ts';
import {
  ALL_PHRASES,
  expectNoLeaks,
  holdsSecret,
  loggedIn,
  NEW_PHRASES,
  openWizard,
  page,
  reviewed,
  submitLogin,
  useHarness,
  WRONG_PHRASE,
} from './support.ts';

const MAIN = ACCOUNTS.main;

let h: Harness;
useHarness((started) => {
  h = started;
});

/** A Confirm submission of `user`'s current confirmation page, as a form body. */
function confirmBody(user: SlackUser): string {
  const view = user.currentView();
  if (view === undefined) throw new Error('no confirmation page open');
  return interactiveBody(viewSubmissionPayload(user.actor, view, h.fake.issueTriggerId(user.key)));
}

describe('request signing', () => {
  const attempts: Array<[string, (user: SlackUser, body: string) => Promise<{ status: number }>]> = [
    ['unsigned', (user, body) => user.postUnsigned(body)],
    ['forged (signed with another secret)', (user, body) => user.postForged(body)],
    ['stale (signed 6 minutes ago)', (user, body) => user.postStale(body)],
    [
      'tampered (signature of another body)',
      (user, body) => user.postRaw(body, { ...signRequest(SIGNING_SECRET, `${body}&x=1`) }),
    ],
    [
      'without a timestamp',
      (user, body) => {
        const { 'x-slack-request-timestamp': _ts, ...headers } = signRequest(SIGNING_SECRET, body);
        return user.postRaw(body, headers);
      },
    ],
  ];

  it.each(attempts)('a %s slash command is refused and opens nothing', async (_what, post) => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0SIGNCMD' });
    const opens = h.fake.callsTo('views.open').length;
    const res = await post(user, user.commandBody('/postage', 'buy'));
    expect(res.status).toBe(401);
    expect(h.fake.callsTo('views.open')).toHaveLength(opens);
    expect(user.currentView()).toBeUndefined();
  });

  it.each(attempts)('a %s Confirm is refused and buys nothing', async (_what, post) => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0SIGNBUY', channelId: 'C0SIGNBUY' });
    await loggedIn(user, MAIN);
    await reviewed(user, '10');
    const calls = h.sim.calls.length;
    const res = await post(user, confirmBody(user));
    expect(res.status).toBe(401);
    expect(h.sim.calls.length).toBe(calls);
    expect(user.currentView()?.callback_id).toBe('postage/confirming');
    await user.close();
  });

  it('a correctly signed request is accepted (the refusals above are about the signature)', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0SIGNOK' });
    const body = user.commandBody('/postage', 'help');
    const res = await user.postRaw(body, { ...signRequest(SIGNING_SECRET, body) });
    expect(res.status).toBe(200);
    expect(res.text).toContain('/postage buy');
  });
});

describe('secrets stay secret', () => {
  it('the modal carries only an opaque session id', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0META' });
    await loggedIn(user, MAIN, { remember: true });
    const metadata = h.fake.views.all().map((record) => record.view.private_metadata);
    for (const value of metadata) {
      // The workspace id (in every payload anyway) and a random UUID: the id names its workspace so an
      // uninstall can delete the workspace's sessions.
      expect(value).toMatch(/^T1\.[0-9a-f-]{36}$/);
    }
    await user.close();
  });

  it('after a wrong pass phrase, a remembered login, a change and a purchase, no phrase is anywhere', async () => {
    const user = h.driver.user({ teamId: 'T1', userId: 'U0SECRETS', channelId: 'C0SECRETS' });
    await openWizard(user);
    await submitLogin(user, { accountId: MAIN.accountId, passPhrase: WRONG_PHRASE });
    expect(user.lastErrors?.['pass_phrase']).toBeDefined();
    await submitLogin(user, MAIN, { remember: true });
    await user.waitForView(page('details'));

    // A pass phrase change in the middle: three phrases have now been typed for one account.
    await user.click('open_change');
    await user.waitForView(page('changeForm'));
    user.fill('current_pass_phrase', 'current_pass_phrase', MAIN.passPhrase);
    user.fill('new_pass_phrase', 'new_pass_phrase', NEW_PHRASES.first);
    user.fill('confirm_pass_phrase', 'confirm_pass_phrase', NEW_PHRASES.first);
    await user.submit();
    await user.waitForView((v) => page('details')(v) && JSON.stringify(v.blocks).includes('was changed'));

    await reviewed(user, '10');
    await user.submit();
    await user.waitForView(page('done'));
    await user.close();
    await user.command('/postage', 'balance');
    await h.restart();

    const after = h.driver.user({ teamId: 'T1', userId: 'U0SECRETS', channelId: 'C0SECRETS' });
    await after.command('/postage', 'balance');
    await after.command('/postage', 'history');
    await after.command('/postage', 'forget');

    await expectNoLeaks(h, ALL_PHRASES);
    // The scan itself can see a phrase: the simulator's own record holds one (a positive control).
    expect(holdsSecret(JSON.stringify(h.sim.account(MAIN.accountId)), [NEW_PHRASES.first])).toBe(true);
  });
});
