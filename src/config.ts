import { hostname } from 'node:os';
import { z } from 'zod';
import { ENDICIA_URLS, type EndiciaEnvironment } from './endicia/index.ts';
import { CodedError } from './lib/coded-error.ts';
import { LOG_LEVELS, type LogLevel } from './lib/logger.ts';
import { centsToMils, type Mils, parseDecimal } from './lib/money.ts';
import { ENDICIA_MAX_PURCHASE_CENTS, MIN_PURCHASE_CENTS } from './machine/index.ts';
import { isEncryptionKeyList } from './store/index.ts';

const ELS_PATH = '/LabelService/EwsLabelService.asmx';

/** Everything the app reads from its environment, validated once, frozen. Modules get slices of it. */
export interface Config {
  readonly slack: {
    /** Single-workspace mode's token; null in OAuth mode (each workspace's token is in the store). */
    readonly botToken: string | null;
    /** OAuth mode (installable in any workspace): set when all three variables are and no bot token is. */
    readonly oauth: SlackOAuthConfig | null;
    readonly signingSecret: string | null;
    readonly appToken: string | null;
    readonly apiUrl: string | null;
    readonly socketMode: boolean;
  };
  readonly port: number;
  readonly endicia: {
    readonly environment: EndiciaEnvironment;
    /** null: start the built-in simulator in-process and use its URL. */
    readonly url: string | null;
    readonly requesterId: string;
    readonly timeoutMs: number;
    readonly simulatorAccounts: string | null;
  };
  readonly store: {
    readonly url: string;
    readonly encryptionKey: string | null;
    /** PostgreSQL connections at most per instance (SQLite uses one). */
    readonly poolSize: number;
  };
  /** This instance's name in leases, claims and logs (`POSTAGE_INSTANCE_ID`; default host name + pid). */
  readonly instanceId: string;
  readonly maxPurchaseCents: number;
  readonly lowBalanceCheckIntervalSeconds: number;
  readonly logLevel: LogLevel;
  /** Bearer token `GET /metrics` requires; null = open. */
  readonly metricsToken: string | null;
}

/** `SLACK_CLIENT_ID`, `SLACK_CLIENT_SECRET`, `SLACK_STATE_SECRET`: the OAuth install flow's settings. */
export interface SlackOAuthConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Signs the install flow's `state` parameter. */
  readonly stateSecret: string;
}

/** The three variables that turn OAuth mode on, in the order start-up names them. */
const OAUTH_KEYS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/** Start-up refused: names every bad variable, never a value. */
export class ConfigError extends CodedError {
  readonly keys: readonly string[];

  constructor(problems: ReadonlyArray<{ key: string; message: string }>) {
    const lines = problems.map((p) => `  ${p.key}: ${p.message}`);
    super('CONFIG_INVALID', `Invalid configuration:\n${lines.join('\n')}`);
    this.keys = problems.map((p) => p.key);
  }
}

// Empty strings count as unset: `FOO=` in a .env file means "not configured".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const integer = (min: number, max: number, fallback: number) =>
  optional(z.string().regex(/^\d+$/, 'must be a whole number'))
    .transform((v) => (v === undefined ? fallback : Number(v)))
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

// Sent as `Authorization: Bearer <token>`: one word of visible ASCII.
const bearerToken = z
  .string()
  .trim()
  .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII without spaces');

const dollars = optional(z.string()).transform((v, ctx) => {
  const mils: Mils | undefined = parseDecimal(v ?? '500', 2);
  if (
    mils === undefined ||
    mils < centsToMils(MIN_PURCHASE_CENTS) ||
    mils > centsToMils(ENDICIA_MAX_PURCHASE_CENTS)
  ) {
    ctx.addIssue({ code: 'custom', message: 'must be dollars between 10 and 99999.99 (for example 500)' });
    return z.NEVER;
  }
  return mils / 10;
});

const schema = z.object({
  // Required unless OAuth mode is on: checked with the OAuth variables (crossFieldProblems).
  SLACK_BOT_TOKEN: optional(z.string().trim().startsWith('xoxb-', 'must be a bot token (xoxb-…)')),
  SLACK_CLIENT_ID: optional(z.string().trim().min(1)),
  SLACK_CLIENT_SECRET: optional(z.string().trim().min(8, 'looks too short')),
  SLACK_STATE_SECRET: optional(z.string().trim().min(16, 'must be at least 16 characters')),
  SLACK_SIGNING_SECRET: optional(z.string().trim().min(8, 'looks too short')),
  SLACK_APP_TOKEN: optional(z.string().trim().startsWith('xapp-', 'must be an app-level token (xapp-…)')),
  SLACK_API_URL: optional(httpUrl),
  PORT: integer(0, 65535, 3000),
  ENDICIA_ENV: optional(
    z.enum(['production', 'sandbox', 'simulator'], 'must be production, sandbox or simulator'),
  ),
  ENDICIA_URL: optional(
    httpUrl.refine((u) => new URL(u).pathname.replace(/\/+$/, '').endsWith(ELS_PATH), {
      message: `must end with ${ELS_PATH}`,
    }),
  ),
  ENDICIA_REQUESTER_ID: optional(z.string().trim().max(50, 'must be at most 50 characters')),
  ENDICIA_TIMEOUT_MS: integer(100, 300_000, 30_000),
  ENDICIA_SIMULATOR_ACCOUNTS: optional(z.string()),
  POSTAGE_STORE_URL: optional(
    z
      .string()
      .regex(
        /^(sqlite|memory|redis|postgres(ql)?):\/\//,
        'must be sqlite://path/file.sqlite or postgres://user:password@host:5432/database',
      ),
  ),
  POSTAGE_STORE_POOL_SIZE: integer(1, 1_000, 10),
  POSTAGE_INSTANCE_ID: optional(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._:@-]{1,100}$/, 'must be 1-100 letters, digits or . _ : @ -'),
  ),
  POSTAGE_ENCRYPTION_KEY: optional(
    z.string().refine(isEncryptionKeyList, 'must be base64 of 32 random bytes (comma-separated to rotate)'),
  ),
  POSTAGE_MAX_PURCHASE: dollars,
  LOW_BALANCE_CHECK_INTERVAL_SECONDS: integer(10, 86_400, 900),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, 'must be debug, info, warn or error')),
  METRICS_TOKEN: optional(bearerToken),
});

/** The host we refuse outside production, so a sandbox config can never spend real money. */
const PRODUCTION_HOST = new URL(ENDICIA_URLS.production).hostname;

/**
 * Validates the environment. Throws ConfigError listing every bad key (and never a value).
 * `env` is injectable so tests need not touch process.env.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ key: String(issue.path[0] ?? '?'), message: issue.message }));
  // Cross-field rules run on the raw values too, so one message names every bad key at once.
  problems.push(...crossFieldProblems(env));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const environment = e.ENDICIA_ENV ?? 'simulator';
  const socketMode = e.SLACK_APP_TOKEN !== undefined;

  const url = e.ENDICIA_URL?.replace(/\/+$/, '') ?? defaultEndiciaUrl(environment);
  const oauth =
    e.SLACK_BOT_TOKEN === undefined &&
    e.SLACK_CLIENT_ID !== undefined &&
    e.SLACK_CLIENT_SECRET !== undefined &&
    e.SLACK_STATE_SECRET !== undefined
      ? Object.freeze({
          clientId: e.SLACK_CLIENT_ID,
          clientSecret: e.SLACK_CLIENT_SECRET,
          stateSecret: e.SLACK_STATE_SECRET,
        })
      : null;
  return Object.freeze({
    slack: Object.freeze({
      botToken: e.SLACK_BOT_TOKEN ?? null,
      oauth,
      signingSecret: e.SLACK_SIGNING_SECRET ?? null,
      appToken: e.SLACK_APP_TOKEN ?? null,
      apiUrl: e.SLACK_API_URL ?? null,
      socketMode,
    }),
    port: e.PORT,
    endicia: Object.freeze({
      environment,
      url,
      requesterId: e.ENDICIA_REQUESTER_ID ?? 'lxxx',
      timeoutMs: e.ENDICIA_TIMEOUT_MS,
      simulatorAccounts: e.ENDICIA_SIMULATOR_ACCOUNTS ?? null,
    }),
    store: Object.freeze({
      url: e.POSTAGE_STORE_URL ?? 'sqlite://data/postage.sqlite',
      encryptionKey: e.POSTAGE_ENCRYPTION_KEY ?? null,
      poolSize: e.POSTAGE_STORE_POOL_SIZE,
    }),
    instanceId: e.POSTAGE_INSTANCE_ID ?? `${hostname()}-${process.pid}`,
    maxPurchaseCents: e.POSTAGE_MAX_PURCHASE,
    lowBalanceCheckIntervalSeconds: e.LOW_BALANCE_CHECK_INTERVAL_SECONDS,
    logLevel: e.LOG_LEVEL ?? 'info',
    metricsToken: e.METRICS_TOKEN ?? null,
  });
}

function crossFieldProblems(
  env: Record<string, string | undefined>,
): Array<{ key: string; message: string }> {
  const value = (key: string) => {
    const v = env[key]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const problems: Array<{ key: string; message: string }> = [];
  const environment = value('ENDICIA_ENV') ?? 'simulator';
  problems.push(...modeProblems(value));
  if (value('SLACK_APP_TOKEN') === undefined && value('SLACK_SIGNING_SECRET') === undefined) {
    problems.push({
      key: 'SLACK_SIGNING_SECRET',
      message: 'is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
    });
  }
  if (environment === 'production' && value('ENDICIA_REQUESTER_ID') === undefined) {
    problems.push({ key: 'ENDICIA_REQUESTER_ID', message: 'is required when ENDICIA_ENV=production' });
  }
  const url = value('ENDICIA_URL');
  if (environment !== 'production' && url !== undefined && URL.canParse(url)) {
    if (new URL(url).hostname.toLowerCase() === PRODUCTION_HOST) {
      problems.push({
        key: 'ENDICIA_URL',
        message: 'points at production; set ENDICIA_ENV=production to use it',
      });
    }
  }
  return problems;
}

/**
 * Single-workspace mode needs SLACK_BOT_TOKEN; OAuth mode needs all three OAuth variables. With no bot
 * token, some but not all of them set is one problem naming the missing ones.
 */
function modeProblems(value: (key: string) => string | undefined): Array<{ key: string; message: string }> {
  if (value('SLACK_BOT_TOKEN') !== undefined) return [];
  const missing = OAUTH_KEYS.filter((key) => value(key) === undefined);
  if (missing.length === 0) return [];
  if (missing.length === OAUTH_KEYS.length) {
    return [
      {
        key: 'SLACK_BOT_TOKEN',
        message: `is required (or set ${OAUTH_KEYS.join(', ')} to install in any workspace)`,
      },
    ];
  }
  return [
    {
      key: missing.join(', '),
      message: `${missing.length === 1 ? 'is' : 'are'} missing: OAuth mode needs ${OAUTH_KEYS.join(', ')} (or set SLACK_BOT_TOKEN for one workspace)`,
    },
  ];
}

function defaultEndiciaUrl(environment: EndiciaEnvironment): string | null {
  return environment === 'simulator' ? null : ENDICIA_URLS[environment];
}
