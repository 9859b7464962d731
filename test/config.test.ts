import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

const base = { SLACK_BOT_TOKEN: 'xoxb-123-abc', SLACK_SIGNING_SECRET: 'signing-secret-value' };

function problemKeys(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).keys;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(base);
    expect(config.port).toBe(3000);
    expect(config.endicia).toEqual({
      environment: 'simulator',
      url: null,
      requesterId: 'lxxx',
      timeoutMs: 30_000,
      simulatorAccounts: null,
    });
    expect(config.store).toEqual({ url: 'sqlite://data/postage.sqlite', encryptionKey: null, poolSize: 10 });
    expect(config.instanceId).toBe(`${hostname()}-${process.pid}`);
    expect(config.maxPurchaseCents).toBe(50_000);
    expect(config.lowBalanceCheckIntervalSeconds).toBe(900);
    expect(config.logLevel).toBe('info');
    expect(config.slack.socketMode).toBe(false);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('resolves Endicia URLs per environment and lets ENDICIA_URL override', () => {
    expect(loadConfig({ ...base, ENDICIA_ENV: 'sandbox' }).endicia.url).toBe(
      'https://elstestserver.endicia.com/LabelService/EwsLabelService.asmx',
    );
    expect(loadConfig({ ...base, ENDICIA_ENV: 'production', ENDICIA_REQUESTER_ID: 'p123' }).endicia.url).toBe(
      'https://labelserver.endicia.com/LabelService/EwsLabelService.asmx',
    );
    expect(
      loadConfig({ ...base, ENDICIA_URL: 'http://127.0.0.1:8787/LabelService/EwsLabelService.asmx/' }).endicia
        .url,
    ).toBe('http://127.0.0.1:8787/LabelService/EwsLabelService.asmx');
  });

  it('turns on Socket Mode with an app token and then needs no signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-abc' });
    expect(config.slack.socketMode).toBe(true);
    expect(config.slack.signingSecret).toBeNull();
  });

  it('names every bad key in one error and never echoes a value', () => {
    const env = {
      SLACK_BOT_TOKEN: 'xoxp-user-token-secret',
      PORT: 'eighty',
      ENDICIA_ENV: 'livezz',
      ENDICIA_TIMEOUT_MS: '-1',
      POSTAGE_ENCRYPTION_KEY: 'c2hvcnQ=',
      POSTAGE_MAX_PURCHASE: '1,000',
      LOG_LEVEL: 'loud',
      ENDICIA_URL: 'http://example.test/other',
    };
    let message = '';
    try {
      loadConfig(env);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(problemKeys(env)).toEqual(
      expect.arrayContaining([
        'SLACK_BOT_TOKEN',
        'SLACK_SIGNING_SECRET',
        'PORT',
        'ENDICIA_ENV',
        'ENDICIA_TIMEOUT_MS',
        'POSTAGE_ENCRYPTION_KEY',
        'POSTAGE_MAX_PURCHASE',
        'LOG_LEVEL',
        'ENDICIA_URL',
      ]),
    );
    for (const value of Object.values(env)) expect(message).not.toContain(value);
  });

  it('requires a requester id in production and refuses the production host elsewhere', () => {
    expect(problemKeys({ ...base, ENDICIA_ENV: 'production' })).toEqual(['ENDICIA_REQUESTER_ID']);
    expect(
      problemKeys({
        ...base,
        ENDICIA_URL: 'https://labelserver.endicia.com/LabelService/EwsLabelService.asmx',
      }),
    ).toEqual(['ENDICIA_URL']);
  });

  it('takes METRICS_TOKEN as one word of visible ASCII, unset (open /metrics) by default', () => {
    expect(loadConfig(base).metricsToken).toBeNull();
    expect(loadConfig({ ...base, METRICS_TOKEN: '' }).metricsToken).toBeNull();
    expect(loadConfig({ ...base, METRICS_TOKEN: ' tok-3n_x/Y= ' }).metricsToken).toBe('tok-3n_x/Y=');
    expect(problemKeys({ ...base, METRICS_TOKEN: 'two words' })).toEqual(['METRICS_TOKEN']);
    expect(problemKeys({ ...base, METRICS_TOKEN: 'tökén' })).toEqual(['METRICS_TOKEN']);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ ...base, PORT: '', SLACK_APP_TOKEN: ' ' }).port).toBe(3000);
  });

  it('checks the purchase ceiling against Endicia bounds and keeps cents exact', () => {
    expect(loadConfig({ ...base, POSTAGE_MAX_PURCHASE: '250.75' }).maxPurchaseCents).toBe(25_075);
    expect(problemKeys({ ...base, POSTAGE_MAX_PURCHASE: '9.99' })).toEqual(['POSTAGE_MAX_PURCHASE']);
    expect(problemKeys({ ...base, POSTAGE_MAX_PURCHASE: '100000' })).toEqual(['POSTAGE_MAX_PURCHASE']);
  });

  it('takes a PostgreSQL store URL, a pool size and an instance id', () => {
    const config = loadConfig({
      ...base,
      POSTAGE_STORE_URL: 'postgresql://app:pw@db:5432/postage',
      POSTAGE_STORE_POOL_SIZE: '25',
      POSTAGE_INSTANCE_ID: 'web-2.example:8080',
    });
    expect(config.store).toMatchObject({ url: 'postgresql://app:pw@db:5432/postage', poolSize: 25 });
    expect(config.instanceId).toBe('web-2.example:8080');
  });

  it('refuses a pool size that is not a whole number from 1 and an instance id with spaces', () => {
    for (const size of ['0', '-3', 'ten', '2.5', '1001']) {
      expect(problemKeys({ ...base, POSTAGE_STORE_POOL_SIZE: size })).toEqual(['POSTAGE_STORE_POOL_SIZE']);
    }
    expect(problemKeys({ ...base, POSTAGE_INSTANCE_ID: 'web 2' })).toEqual(['POSTAGE_INSTANCE_ID']);
    expect(problemKeys({ ...base, POSTAGE_INSTANCE_ID: 'x'.repeat(101) })).toEqual(['POSTAGE_INSTANCE_ID']);
  });

  it('accepts a rotation list of 32-byte keys', () => {
    const k1 = Buffer.alloc(32, 1).toString('base64');
    const k2 = Buffer.alloc(32, 2).toString('base64');
    expect(loadConfig({ ...base, POSTAGE_ENCRYPTION_KEY: `${k1}, ${k2}` }).store.encryptionKey).toBe(
      `${k1}, ${k2}`,
    );
  });

  describe('workspaces', () => {
    const oauth = {
      SLACK_SIGNING_SECRET: 'signing-secret-value',
      SLACK_CLIENT_ID: '123.456',
      SLACK_CLIENT_SECRET: 'client-secret-value',
      SLACK_STATE_SECRET: 'state-secret-value-0123',
    };

    it('is single-workspace with SLACK_BOT_TOKEN (the default), OAuth with the three variables alone', () => {
      expect(loadConfig(base).slack).toMatchObject({ botToken: 'xoxb-123-abc', oauth: null });
      expect(loadConfig(oauth).slack).toMatchObject({
        botToken: null,
        oauth: {
          clientId: '123.456',
          clientSecret: 'client-secret-value',
          stateSecret: 'state-secret-value-0123',
        },
      });
      // A bot token wins: the app stays in its one workspace.
      expect(loadConfig({ ...oauth, SLACK_BOT_TOKEN: 'xoxb-1' }).slack.oauth).toBeNull();
    });

    it('stops with one message naming what is missing when the OAuth variables are half set', () => {
      const half = { SLACK_SIGNING_SECRET: 'signing-secret-value', SLACK_CLIENT_ID: '123.456' };
      let message = '';
      try {
        loadConfig(half);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        message = (error as Error).message;
      }
      expect(message.split('\n').filter((line) => line.startsWith('  '))).toEqual([
        '  SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: are missing: OAuth mode needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET (or set SLACK_BOT_TOKEN for one workspace)',
      ]);
      expect(problemKeys({ ...oauth, SLACK_CLIENT_SECRET: '' })).toEqual(['SLACK_CLIENT_SECRET']);
    });

    it('asks for a bot token (or the OAuth variables) when none is set', () => {
      expect(problemKeys({ SLACK_SIGNING_SECRET: 'signing-secret-value' })).toEqual(['SLACK_BOT_TOKEN']);
    });
  });
});
