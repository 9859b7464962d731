import type { ViewOutput } from '@slack/bolt';
import { expect } from 'vitest';
import { ACCOUNTS, type Harness, SIGNING_SECRET } from '../helpers/bot-harness.ts';
import { labelValues } from '../helpers/metrics-text.ts';

/*
 * The e2e suite's secret checks. They only ever produce booleans: a pass phrase must not reach a
 * test-failure printout either.
 */

/** New pass phrases the change tests set: as hostile to XML, forms and JSON as the seeded ones. */
export const NEW_PHRASES = {
  first: 'Kestrel <new> & "77" isn\'t',
  second: 'Osprey & <later> "88" won\'t',
} as const;

/** A wrong pass phrase tests type on purpose; it must not leak either. */
export const WRONG_PHRASE = 'Wrong <guess> & "13" isn\'t';

/** Every pass phrase any e2e test types or the simulator holds. */
export const ALL_PHRASES: readonly string[] = [
  ...Object.values(ACCOUNTS).map((account) => account.passPhrase),
  ...Object.values(NEW_PHRASES),
  WRONG_PHRASE,
];

const htmlEscaped = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
const mrkdwnEscaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The ways a phrase can be spelled in JSON, XML/HTML, mrkdwn, a form body or a URL. */
function spellings(phrase: string): string[] {
  return [
    phrase,
    JSON.stringify(phrase).slice(1, -1),
    JSON.stringify(JSON.stringify(phrase)).slice(1, -1),
    htmlEscaped(phrase),
    mrkdwnEscaped(phrase),
    encodeURIComponent(phrase),
    new URLSearchParams({ p: phrase }).toString().slice(2),
  ];
}

/** True when `text` holds any of `phrases` in any common spelling. Never print the text itself. */
export function holdsSecret(text: string, phrases: readonly string[] = ALL_PHRASES): boolean {
  return phrases.some((phrase) => spellings(phrase).some((spelled) => text.includes(spelled)));
}

// A view's `state` is what the person typed (the fake keeps it, and echoes it in views.* answers as
// Slack does): not something the app sent. Everything else in a view is the app's.
const withoutTypedState = (key: string, value: unknown): unknown => (key === 'state' ? undefined : value);

/** Everything the app sent to Slack: API calls, views, messages, ephemerals, response URLs and acks. */
export function slackText(h: Harness): string {
  const parts: unknown[] = [
    h.fake.calls.map((call) => ({ args: call.args, response: call.response })),
    h.fake.views.all().map((record) => record.view),
    [...h.fake.messages.values()],
    h.fake.ephemerals,
    h.users.map((user) => user.responses()),
    h.acks,
  ];
  return parts.map((part) => JSON.stringify(part, withoutTypedState)).join('\n');
}

/** Asserts no phrase leaked into logs, anything sent to Slack, or any byte on disk (booleans only). */
export async function expectNoLeaks(h: Harness, phrases: readonly string[] = ALL_PHRASES): Promise<void> {
  expect(holdsSecret(h.logs.join('\n'), phrases), 'a pass phrase in a log line').toBe(false);
  expect(holdsSecret(slackText(h), phrases), 'a pass phrase sent to Slack').toBe(false);
  expect(holdsSecret(await h.diskText(), phrases), 'a pass phrase on disk').toBe(false);
  await expectQuietMetrics(h, phrases);
}

/**
 * The whole `/metrics` text (what the app serves) holds no pass phrase or token, and no label value holds
 * an account number or a team, user or channel id of anyone who used the app. (Ids are checked in labels
 * only: a byte count may contain the digits of an account number by chance.)
 */
export async function expectQuietMetrics(
  h: Harness,
  phrases: readonly string[] = ALL_PHRASES,
): Promise<void> {
  const text = await h.running.metrics.registry.metrics();
  const secrets = [...phrases, 'xoxb-e2e-token', 'xapp-e2e-token', SIGNING_SECRET];
  expect(holdsSecret(text, secrets), 'a pass phrase or token in /metrics').toBe(false);
  const ids = [
    ...Object.values(ACCOUNTS).map((account) => account.accountId),
    ...h.sim.calls.map((call) => call.accountId),
    ...h.users.flatMap((user) => [user.actor.teamId, user.actor.userId]),
    ...h.fake.calls.flatMap((call) => [call.args['channel'], call.args['user']]),
  ].filter((id): id is string => typeof id === 'string' && id !== '');
  const leaked = labelValues(text).some((value) => ids.some((id) => value.includes(id)));
  expect(leaked, 'an account number or Slack id in a metric label').toBe(false);
}

/** The view as the app rendered it (typed state left out), for `toContain` and secret checks. */
export const shown = (view: ViewOutput | undefined): string =>
  JSON.stringify(view ?? null, withoutTypedState);
