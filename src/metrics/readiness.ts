/** Slack errors that mean our token no longer works: readiness asks auth.test again. */
const AUTH_ERRORS = new Set([
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
]);

export type ReadinessResult = { ready: true } | { ready: false; reason: string };

export interface Readiness {
  /** Ready = the store answers now and Slack's auth.test has succeeded (asked again until it does). */
  check(): Promise<ReadinessResult>;
  /** Any Slack call's error: an auth error makes the next check ask auth.test again. */
  noteSlackError(error: string): void;
}

export interface ReadinessDeps {
  /** A cheap read; resolves when the store answers. */
  pingStore(): Promise<unknown>;
  /** Slack's auth.test with our bot token; rejects when Slack refuses it. */
  authTest(): Promise<unknown>;
  /** Longest a probe waits for either; an orchestrator's probe must not hang. Default 2 s. */
  timeoutMs?: number;
}

/**
 * `GET /readyz`'s logic. Reasons are short and fixed: never an error message (which could name a path, a
 * URL with a password, or a token).
 */
export function createReadiness(deps: ReadinessDeps): Readiness {
  const timeoutMs = deps.timeoutMs ?? 2_000;
  let authenticated = false;
  let asking: Promise<boolean> | null = null;

  const askSlack = (): Promise<boolean> => {
    asking ??= within(deps.authTest(), timeoutMs).then(
      () => {
        authenticated = true;
        return true;
      },
      () => false,
    );
    const current = asking;
    void current.finally(() => {
      if (asking === current) asking = null;
    });
    return current;
  };

  return {
    async check() {
      const [slack, store] = await Promise.all([
        authenticated ? true : askSlack(),
        within(deps.pingStore(), timeoutMs).then(
          () => true,
          () => false,
        ),
      ]);
      if (!store) return { ready: false, reason: 'the store does not answer' };
      if (!slack) return { ready: false, reason: 'Slack auth.test has not succeeded' };
      return { ready: true };
    },
    noteSlackError(error) {
      if (AUTH_ERRORS.has(error)) authenticated = false;
    },
  };
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
