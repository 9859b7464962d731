import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/bot-harness.ts';
import { FAKE_CLIENT_ID } from '../helpers/fake-slack/index.ts';
import { installAt, OAUTH_ENV } from './oauth-support.ts';
import { eventually, page } from './support.ts';

// OAuth mode over Socket Mode: the install routes are served on PORT next to /healthz, /readyz and
// /metrics; commands and events arrive on the socket and use the installing workspace's token.

let h: Harness;
const base = () => `http://127.0.0.1:${h.running.port}`;

beforeAll(async () => {
  h = await startHarness({ transport: 'socket', env: { ...OAUTH_ENV, SLACK_CLIENT_ID: FAKE_CLIENT_ID } });
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  expect(h.fake.violations).toEqual([]);
});

describe('OAuth in Socket Mode', () => {
  it('serves the install on PORT, and /healthz, /readyz (the store answers) and /metrics still', async () => {
    expect((await installAt(base(), h.fake, { teamId: 'TS1', userId: 'UADMIN' })).status).toBe(200);
    expect(await h.running.store.installations.get({ kind: 'team', id: 'TS1' })).toBeDefined();
    for (const path of ['/healthz', '/readyz', '/metrics'])
      expect((await fetch(`${base()}${path}`)).status, path).toBe(200);
  });

  it('opens the wizard over the socket with the workspace’s own token', async () => {
    const user = h.driver.user({ teamId: 'TS1', userId: 'US1', channelId: 'CS1' });
    await user.command('/postage', 'buy');
    await user.waitForView(page('account'));
    const [open] = h.fake.callsTo('views.open');
    expect(open?.token).toBe(h.fake.workspaces.tokenOf('TS1'));
  });

  it('handles app_uninstalled from the socket', async () => {
    await h.fake.socket.send('events_api', {
      token: 'unused',
      team_id: 'TS1',
      api_app_id: h.fake.identity.appId,
      type: 'event_callback',
      event_id: 'EvSOCKET1',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_uninstalled' },
    });
    await eventually(
      async () => (await h.running.store.installations.get({ kind: 'team', id: 'TS1' })) === undefined,
      'the installation deleted',
    );
    expect(await h.running.store.sessions.deleteTeam('TS1')).toBe(0);
  });
});
