import { expect } from 'vitest';
import type { FakeSlack, InstallGrant } from '../helpers/fake-slack/index.ts';

/* The browser's part of the OAuth install: /slack/install, Slack's "Allow", /slack/oauth_redirect. */

/** /slack/install's redirect: the state in Slack's authorize URL and the browser's state cookie. */
export async function startInstallAt(
  base: string,
): Promise<{ state: string; cookie: string; location: URL }> {
  const res = await fetch(`${base}/slack/install`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { state: location.searchParams.get('state') ?? '', cookie, location };
}

/** Slack's redirect back after "Allow", as the browser follows it. */
export async function finishInstallAt(base: string, state: string, cookie: string, code: string) {
  const url = `${base}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`;
  const res = await fetch(url, { headers: { cookie } });
  return { status: res.status, html: await res.text() };
}

/** The whole install of one workspace (or org), as a person clicking through it. */
export async function installAt(base: string, fake: FakeSlack, grant: InstallGrant) {
  const { state, cookie } = await startInstallAt(base);
  return finishInstallAt(base, state, cookie, fake.workspaces.authorizeCode(grant));
}

/** The environment of OAuth mode against the fake Slack (no SLACK_BOT_TOKEN). */
export const OAUTH_ENV = {
  SLACK_BOT_TOKEN: '',
  SLACK_CLIENT_SECRET: 'fake-client-secret',
  SLACK_STATE_SECRET: 'fake-state-secret-0123456789',
} as const;
