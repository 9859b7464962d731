import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../helpers/fake-slack/index.ts';

// Slack's own signed example, as used in bolt-js test/unit/receivers/ExpressReceiver.spec.ts.
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = 1531420618;
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
  '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com' +
  '%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
  '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';

describe('signRequest', () => {
  it('matches the known-answer signature from bolt-js', () => {
    const headers = signRequest(SECRET, BODY, TIMESTAMP);
    expect(headers['x-slack-signature']).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
    expect(headers['x-slack-request-timestamp']).toBe('1531420618');
    expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('produces headers that Bolt’s own verifier accepts now and rejects with another secret', () => {
    const body = 'payload=%7B%22type%22%3A%22view_submission%22%7D';
    const headers = signRequest(SECRET, body);
    const verify = (secret: string) =>
      verifySlackRequest({
        signingSecret: secret,
        body,
        headers: {
          'x-slack-signature': headers['x-slack-signature'],
          'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']),
        },
      });
    expect(() => verify(SECRET)).not.toThrow();
    expect(() => verify(`${SECRET}x`)).toThrow(/signature mismatch/i);
  });
});
