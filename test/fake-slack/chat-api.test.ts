import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack, WaitForTimeoutError } from '../helpers/fake-slack/index.ts';
import { clientFor } from './fixtures.ts';

let fake: FakeSlack;
const clock = 1_700_000_000_000;

beforeEach(async () => {
  // A clock that stands still: message ts must still increase.
  fake = await startFakeSlack({ now: () => clock });
});
afterEach(async () => {
  await fake.close();
});

const platformError = (error: string) => ({ data: expect.objectContaining({ ok: false, error }) });
const section = { type: 'section', text: { type: 'mrkdwn', text: 'Balance *$9.00*' } };

describe('chat.postMessage', () => {
  it('returns channel, strictly increasing ts and the message, and records it', async () => {
    const client = clientFor(fake);
    const first = await client.chat.postMessage({ channel: 'C1', text: 'one' });
    const second = await client.chat.postMessage({ channel: 'C1', text: 'two', blocks: [section] });
    expect(first).toMatchObject({ ok: true, channel: 'C1', message: { text: 'one', bot_id: 'B0FAKE' } });
    expect(first.ts).toMatch(/^\d+\.\d{6}$/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(fake.messagesIn('C1').map((m) => m.text)).toEqual(['one', 'two']);
    expect(fake.messagesIn('C1')[1]?.blocks).toEqual([section]);
    expect(fake.violations).toEqual([]);
  });

  it('posts to a user id in that user’s DM, the one conversations.open returns', async () => {
    const client = clientFor(fake);
    const posted = await client.chat.postMessage({ channel: 'U42', text: 'receipt' });
    const opened = await client.conversations.open({ users: 'U42' });
    expect(posted.channel).toMatch(/^D/);
    expect(opened.channel?.id).toBe(posted.channel);
    const group = await client.conversations.open({ users: 'U1,U2' });
    expect(group.channel?.id).toMatch(/^G/);
  });

  it('records a missing text fallback as a warning but accepts the message', async () => {
    await clientFor(fake).chat.postMessage({ channel: 'C1', blocks: [section] });
    expect(fake.messagesIn('C1')).toHaveLength(1);
    expect(fake.violations).toEqual([
      { where: 'chat.postMessage', message: expect.stringMatching(/^\[WARN\] missing text/) },
    ]);
  });

  it('refuses 51 blocks with invalid_blocks and no text at all with no_text', async () => {
    const client = clientFor(fake);
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    await expect(client.chat.postMessage({ channel: 'C1', text: 't', blocks })).rejects.toMatchObject(
      platformError('invalid_blocks'),
    );
    await expect(client.apiCall('chat.postMessage', { channel: 'C1' })).rejects.toMatchObject(
      platformError('no_text'),
    );
    expect(fake.messagesIn('C1')).toEqual([]);
  });

  it.each(['not_in_channel', 'channel_not_found', 'is_archived'] as const)(
    'answers %s for a refusing channel',
    async (reason) => {
      const client = clientFor(fake);
      fake.refuseChannel('C9', reason);
      await expect(client.chat.postMessage({ channel: 'C9', text: 'alert' })).rejects.toMatchObject(
        platformError(reason),
      );
      fake.acceptChannel('C9');
      await expect(client.chat.postMessage({ channel: 'C9', text: 'alert' })).resolves.toMatchObject({
        ok: true,
      });
    },
  );
});

describe('chat.update', () => {
  it('edits the recorded message in place', async () => {
    const client = clientFor(fake);
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'Balance low', blocks: [section] });
    const res = await client.chat.update({
      channel: 'C1',
      ts: posted.ts ?? '',
      text: 'Balance recovered',
      blocks: [],
    });
    expect(res).toMatchObject({ ok: true, channel: 'C1', ts: posted.ts, text: 'Balance recovered' });
    expect(fake.messagesIn('C1')).toEqual([
      expect.objectContaining({ ts: posted.ts, text: 'Balance recovered', blocks: [], edits: 1 }),
    ]);
  });

  it('answers message_not_found for an unknown ts', async () => {
    await expect(
      clientFor(fake).chat.update({ channel: 'C1', ts: '1.000001', text: 'x' }),
    ).rejects.toMatchObject(platformError('message_not_found'));
  });
});

describe('faults', () => {
  it('answers 429 with Retry-After for the next k calls', async () => {
    const client = clientFor(fake, 'xoxb-test', { rejectRateLimitedCalls: true });
    fake.rateLimit('chat.postMessage', { times: 2, retryAfterSec: 7 });
    for (let i = 0; i < 2; i += 1) {
      const error = await client.chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(webApi.WebAPIRateLimitedError);
      expect(error).toMatchObject({ retryAfter: 7 });
    }
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({ ok: true });
    expect(fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 429, 200]);
  });

  it('lets a retrying client succeed after Retry-After', async () => {
    const client = clientFor(fake, 'xoxb-test', {
      retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 },
    });
    fake.rateLimit('chat.postMessage', { times: 1, retryAfterSec: 0 });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({ ok: true });
    expect(fake.messagesIn('C1')).toHaveLength(1);
  });

  it('fails the next call of a method with the given error, once', async () => {
    const client = clientFor(fake);
    fake.failNext('chat.postMessage', 'fatal_error');
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject(
      platformError('fatal_error'),
    );
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('answers unknown_method for anything it does not implement', async () => {
    await expect(clientFor(fake).apiCall('reactions.add', { name: 'x' })).rejects.toMatchObject(
      platformError('unknown_method'),
    );
  });
});

describe('ephemerals and response URLs', () => {
  it('records chat.postEphemeral', async () => {
    const res = await clientFor(fake).chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'only you' });
    expect(res.message_ts).toEqual(expect.any(String));
    expect(fake.ephemerals).toEqual([
      expect.objectContaining({ channel: 'C1', user: 'U1', text: 'only you' }),
    ]);
  });

  it('records JSON posted to a response URL, five times at most', async () => {
    const url = fake.newResponseUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/response\/\w+$/);
    const post = (body: object) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (let i = 1; i <= 5; i += 1) expect((await post({ text: `reply ${i}` })).status).toBe(200);
    const sixth = await post({ text: 'reply 6' });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });
    expect(fake.responses(url)).toHaveLength(5);
    expect(fake.responses(url)[0]).toEqual({ text: 'reply 1' });
    const unknown = await fetch(`${fake.baseUrl}/response/nope`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
  });
});

describe('recording helpers', () => {
  it('waitFor resolves once the condition holds and times out with a named error', async () => {
    const client = clientFor(fake);
    const waiting = fake.waitFor((f) => f.messagesIn('C7')[0]);
    void client.chat.postMessage({ channel: 'C7', text: 'later' });
    await expect(waiting).resolves.toMatchObject({ text: 'later' });
    const never = fake.waitFor(() => false, { timeoutMs: 50, description: 'nothing' });
    await expect(never).rejects.toBeInstanceOf(WaitForTimeoutError);
    await expect(never).rejects.toThrow(/nothing/);
  });

  it('auth.test reports the fake identity; reset forgets everything', async () => {
    const client = clientFor(fake);
    await expect(client.auth.test()).resolves.toMatchObject({
      team_id: 'T0FAKE',
      user_id: 'U0FAKEBOT',
      bot_id: 'B0FAKE',
    });
    await client.chat.postMessage({ channel: 'C1', blocks: [section] });
    fake.reset();
    expect([fake.calls, fake.violations, fake.messagesIn('C1')]).toEqual([[], [], []]);
  });
});
