import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, type Harness, SIGNING_SECRET, startHarness } from '../helpers/bot-harness.ts';
import {
  FAKE_CLIENT_ID,
  type InstallGrant,
  type SlackUser,
  slackSignature,
} from '../helpers/fake-slack/index.ts';
import { finishInstallAt, installAt, OAUTH_ENV, startInstallAt } from './oauth-support.ts';
import { eventually, loggedIn, page, reviewed } from './support.ts';

// OAuth mode end to end: two workspaces install through /slack/install → Slack → /slack/oauth_redirect,
// each runs the wizard, gets a receipt and an alert with its own token (the fake refuses and records a
// wrong one), one uninstalls (its data goes, the other's stays), bad states end on the failure page.

let h: Harness;
let skewMs = 0;
const base = () => `http://127.0.0.1:${h.running.port}`;

beforeAll(async () => {
  h = await startHarness({
    env: { ...OAUTH_ENV, SLACK_CLIENT_ID: FAKE_CLIENT_ID },
    overrides: {
      now: () => new Date(Date.now() + skewMs),
      alerts: { spreadMs: 0, firstSweepDelayMs: 3_600_000 },
    },
  });
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  skewMs = 0;
  expect(h.fake.violations).toEqual([]);
});

const startInstall = () => startInstallAt(base());
const finishInstall = (state: string, cookie: string, code: string) =>
  finishInstallAt(base(), state, cookie, code);
const install = (grant: InstallGrant) => installAt(base(), h.fake, grant);

/** An Events API delivery, signed; `retryNum` as Slack's retries carry it. */
async function postEvent(teamId: string, eventId: string, event: object, retryNum?: number) {
  const body = JSON.stringify({
    token: 'unused',
    team_id: teamId,
    api_app_id: h.fake.identity.appId,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`${base()}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': slackSignature(SIGNING_SECRET, body, ts),
      ...(retryNum === undefined
        ? {}
        : { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' }),
    },
    body,
  });
  return res.status;
}

const installed = (teamId: string) => h.running.store.installations.get({ kind: 'team', id: teamId });
const person = (teamId: string, userId: string, channelId: string): SlackUser =>
  h.driver.user({ teamId, userId, channelId });

describe('installing in any workspace (OAuth)', () => {
  it('starts at /slack/install with Slack’s authorize URL, the bot scopes and a state cookie', async () => {
    const { location, state, cookie } = await startInstall();
    expect(`${location.origin}${location.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe(FAKE_CLIENT_ID);
    expect(location.searchParams.get('scope')).toBe('commands,chat:write,chat:write.public,im:write');
    expect(cookie).toBe(`slack-app-oauth-state=${state}`);
  });

  it('installs two workspaces, each with its own token, encrypted at rest', async () => {
    const one = await install({ teamId: 'T1', teamName: 'Shipping <One>', userId: 'UADMIN1' });
    expect(one.status).toBe(200);
    expect(one.html).toContain('Postage is installed');
    expect(one.html).toContain('Shipping &#60;One&#62;');
    expect(one.html).toContain('/postage help');
    expect((await install({ teamId: 'T2', userId: 'UADMIN2' })).status).toBe(200);

    const t1 = await installed('T1');
    const t2 = await installed('T2');
    expect(t1).toMatchObject({
      teamId: 'T1',
      botUserId: 'UBOTT1',
      installerUserId: 'UADMIN1',
      isEnterpriseInstall: false,
    });
    expect(t1?.botToken).toBe(h.fake.workspaces.tokenOf('T1'));
    expect(t2?.botToken).toBe(h.fake.workspaces.tokenOf('T2'));
    expect(t1?.scopes).toEqual(['commands', 'chat:write', 'chat:write.public', 'im:write']);
    const disk = await h.diskText();
    for (const token of [t1?.botToken, t2?.botToken]) expect(disk).not.toContain(token);
    expect(h.logs.join('\n')).not.toMatch(/xoxb-T/);
  });

  it('reinstalling replaces the old token', async () => {
    const before = (await installed('T2'))?.botToken;
    expect((await install({ teamId: 'T2', userId: 'UADMIN2' })).status).toBe(200);
    const after = (await installed('T2'))?.botToken;
    expect(after).not.toBe(before);
    expect(after).toBe(h.fake.workspaces.tokenOf('T2'));
  });

  it('keeps an org-wide install under its org', async () => {
    const org = await install({
      teamId: 'E9',
      enterpriseId: 'E9',
      isEnterpriseInstall: true,
      userId: 'UORG',
    });
    expect(org.status).toBe(200);
    expect(org.html).toContain('Fake Org');
    expect(await h.running.store.installations.get({ kind: 'enterprise', id: 'E9' })).toMatchObject({
      teamId: null,
      enterpriseId: 'E9',
      isEnterpriseInstall: true,
      installerUserId: 'UORG',
    });
  });

  it('runs a wizard, a receipt and an alert in each workspace with that workspace’s token', async () => {
    const runs = [
      { teamId: 'T1', userId: 'U1A', channelId: 'C1SHIP', login: ACCOUNTS.main, after: '$145.50' },
      { teamId: 'T2', userId: 'U2A', channelId: 'C2SHIP', login: ACCOUNTS.other, after: '$100.00' },
    ];
    for (const run of runs) {
      const user = person(run.teamId, run.userId, run.channelId);
      await loggedIn(user, run.login, { remember: true });
      await reviewed(user, '25');
      await user.submit();
      await user.waitForView(page('done'));
      const receipt = await h.fake.waitFor((f) => f.messagesIn(run.channelId)[0]);
      expect(receipt.text).toContain(run.after);
      await user.close();

      const set = await user.command('/postage', 'alerts $500');
      expect(JSON.stringify(set.body)).toContain('$500.00');
      const alert = await h.fake.waitFor((f) =>
        f.messagesIn(run.channelId).find((m) => (m.text ?? '').includes('Low postage')),
      );
      expect(alert.text).toContain(run.after);
    }
    for (const run of runs) {
      const token = h.fake.workspaces.tokenOf(run.teamId);
      const calls = h.fake.calls.filter((c) => JSON.stringify(c.args).includes(run.channelId));
      expect(calls.length).toBeGreaterThan(0);
      for (const call of calls) expect(call.token, call.method).toBe(token);
    }
    expect(h.fake.calls.filter((c) => c.response['ok'] !== true && c.method !== 'oauth.v2.access')).toEqual(
      [],
    );
  });

  it('an uninstall deletes that workspace’s installation, logins, sessions and alerts at once; once; the other stays', async () => {
    const session = person('T1', 'U1A', 'C1SHIP');
    await session.command('/postage', 'buy');
    const open = await session.waitForView(page('account'));
    const sessionId = open.private_metadata;
    expect(sessionId.startsWith('T1.')).toBe(true);
    expect(await h.running.store.sessions.get(sessionId)).toBeDefined();

    expect(await postEvent('T1', 'EvUNINSTALL1', { type: 'app_uninstalled', event_ts: '1.000' })).toBe(200);
    h.fake.workspaces.revoke('T1');
    await eventually(async () => (await installed('T1')) === undefined, 'the T1 installation deleted');
    expect(await postEvent('T1', 'EvUNINSTALL1', { type: 'app_uninstalled', event_ts: '1.000' }, 1)).toBe(
      200,
    );

    const { store } = h.running;
    expect(await store.credentials.get('T1', 'U1A')).toBeUndefined();
    expect(await store.sessions.get(sessionId)).toBeUndefined();
    expect(await store.alerts.get('T1', 'C1SHIP')).toBeUndefined();
    // Purchase records are receipts of money spent: kept.
    expect(await store.purchases.listByUser('T1', 'U1A')).toHaveLength(1);

    expect(await installed('T2')).toBeDefined();
    expect(await store.credentials.get('T2', 'U2A')).toBeDefined();
    expect(await store.alerts.get('T2', 'C2SHIP')).toBeDefined();

    await eventually(
      async () => h.logs.some((line) => line.includes('workspace data deleted')),
      'the clean-up logged',
    );
    await h.running.monitor.sweep();
    expect(h.logs.filter((line) => line.includes('workspace data deleted'))).toHaveLength(1);
  });

  it('a token revoked while an alert is due: no call with the dead token after the event', async () => {
    // T2's alert is due again at the next sweep (re-armed while the balance stays below $500), with an
    // Endicia answer slow enough for the revocation to land while the sweep waits for it.
    const sub = await h.running.store.alerts.get('T2', 'C2SHIP');
    if (sub === undefined) throw new Error('T2 has no alert');
    await h.running.store.alerts.put({ ...sub, state: 'armed', alertMessageTs: null });
    h.sim.inject({ kind: 'latency', op: 'GetAccountStatus', ms: 2_000 });
    let swept = false;
    const sweeping = h.running.monitor.sweep().then(() => {
      swept = true;
    });
    // The guard notes a try just before the status call is sent: from then on it waits at Endicia.
    await eventually(
      async () =>
        (await h.running.store.accountGuards.get('T2', ACCOUNTS.other.accountId))?.attemptSince != null,
      'the sweep calling Endicia',
    );

    const dead = h.fake.workspaces.tokenOf('T2');
    h.fake.workspaces.revoke('T2');
    const at = h.fake.calls.length;
    expect(await postEvent('T2', 'EvREVOKE2', { type: 'tokens_revoked', tokens: { bot: ['UBOTT2'] } })).toBe(
      200,
    );
    await eventually(
      async () => (await h.running.store.alerts.get('T2', 'C2SHIP')) === undefined,
      'the T2 alert deleted',
    );
    expect(await installed('T2')).toBeUndefined();
    // Still waiting for Endicia: the revocation landed while the alert was due.
    expect(swept).toBe(false);
    const eventHandled = h.fake.calls.length;
    await sweeping;
    h.sim.clearFaults();
    await h.running.monitor.sweep();

    expect(h.fake.calls.slice(eventHandled).filter((c) => c.token === dead)).toEqual([]);
    expect(h.fake.calls.slice(at).filter((c) => c.token === dead)).toEqual([]);
    expect(h.fake.messagesIn('C2SHIP').filter((m) => (m.text ?? '').includes('Low postage'))).toHaveLength(1);
    expect(await h.running.store.alerts.get('T2', 'C2SHIP')).toBeUndefined();
    expect(await h.running.store.credentials.get('T2', 'U2A')).toBeUndefined();
  });
});

describe('a bad state ends on the failure page, with nothing stored', () => {
  it('forged: not signed by this app', async () => {
    const forged = 'eyJvIjp7fX0.bm90LWEtc2lnbmF0dXJl';
    const res = await finishInstall(
      forged,
      `slack-app-oauth-state=${forged}`,
      h.fake.workspaces.authorizeCode({ teamId: 'T3', userId: 'U3' }),
    );
    expect(res.status).toBe(400);
    expect(res.html).toContain('Postage was not installed');
    expect(res.html).toContain('/slack/install');
    expect(await installed('T3')).toBeUndefined();
  });

  it('expired: older than 10 minutes', async () => {
    const { state, cookie } = await startInstall();
    skewMs = 10 * 60 * 1000 + 1_000;
    const res = await finishInstall(
      state,
      cookie,
      h.fake.workspaces.authorizeCode({ teamId: 'T4', userId: 'U4' }),
    );
    expect(res.status).toBe(400);
    expect(await installed('T4')).toBeUndefined();
  });

  it('replayed: a state works once', async () => {
    const { state, cookie } = await startInstall();
    expect(
      (await finishInstall(state, cookie, h.fake.workspaces.authorizeCode({ teamId: 'T5', userId: 'U5' })))
        .status,
    ).toBe(200);
    const again = await finishInstall(
      state,
      cookie,
      h.fake.workspaces.authorizeCode({ teamId: 'T6', userId: 'U6' }),
    );
    expect(again.status).toBe(400);
    expect(again.html).toContain('Postage was not installed');
    expect(await installed('T6')).toBeUndefined();
  });

  it('a state from another browser (no matching cookie) is refused too', async () => {
    const { state } = await startInstall();
    const res = await finishInstall(
      state,
      'slack-app-oauth-state=other',
      h.fake.workspaces.authorizeCode({ teamId: 'T7', userId: 'U7' }),
    );
    expect(res.status).toBe(400);
    expect(await installed('T7')).toBeUndefined();
  });
});

describe('background work after a restart', () => {
  it('tells of a purchase a crash interrupted with its workspace’s token', async () => {
    expect((await install({ teamId: 'T8', userId: 'UADMIN8' })).status).toBe(200);
    person('T8', 'U8', 'C8CRASH');
    const at = new Date().toISOString();
    await h.running.store.purchases.begin({
      requestId: 'oauth-crash',
      teamId: 'T8',
      userId: 'U8',
      accountId: ACCOUNTS.main.accountId,
      amountMils: 25_000,
      balanceBeforeMils: null,
      balanceAfterMils: null,
      transactionId: null,
      message: null,
      state: 'pending',
      channelId: 'C8CRASH',
      createdAt: at,
      updatedAt: at,
    });
    await h.restart();
    const notice = await h.fake.waitFor((f) => f.messagesIn('C8CRASH')[0]);
    expect(notice.text).toContain('$25.00');
    const posts = h.fake.callsTo('chat.postMessage').filter((c) => c.args['channel'] === 'C8CRASH');
    expect(posts.map((c) => c.token)).toEqual([h.fake.workspaces.tokenOf('T8')]);
  });
});

describe('secrets', () => {
  it('no bot token in any log line or, in plain text, on disk', async () => {
    const issued = h.fake.calls.flatMap((c) =>
      c.method === 'oauth.v2.access' ? [String(c.response['access_token'])] : [],
    );
    expect(issued.length).toBeGreaterThanOrEqual(3);
    const logs = h.logs.join('\n');
    const disk = await h.diskText();
    for (const token of issued) {
      expect(logs).not.toContain(token);
      expect(disk).not.toContain(token);
    }
    expect(logs).not.toContain('fake-client-secret');
  });
});
