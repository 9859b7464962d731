import type { WebClientOptions } from '@slack/web-api';

type FetchFunction = NonNullable<WebClientOptions['fetch']>;

/**
 * A WebClient `fetch` that reports every failed Slack Web API call: `{ ok: false, error }` answers (Slack
 * answers errors with HTTP 200), 429s (`ratelimited`), other statuses (`http_error`) and calls that got no
 * answer at all (`request_error`). The method is the URL's last path segment (the caller never puts an id
 * there). The response itself is passed on untouched.
 */
export function observeSlackFetch(
  onError: (method: string, error: string) => void,
  inner?: FetchFunction,
): FetchFunction {
  return async (url, init) => {
    const method = new URL(String(url)).pathname.split('/').pop() ?? '';
    let response: Awaited<ReturnType<FetchFunction>>;
    try {
      response = await (inner ?? (globalThis.fetch as FetchFunction))(url, init);
    } catch (error) {
      onError(method, 'request_error');
      throw error;
    }
    if (response.status === 429) onError(method, 'ratelimited');
    else if (response.status !== 200) onError(method, 'http_error');
    else {
      const error = await platformError(response);
      if (error !== null) onError(method, error);
    }
    return response;
  };
}

/** The `error` of an `{ ok: false }` body, read from a copy so the WebClient still reads the original. */
async function platformError(response: Awaited<ReturnType<FetchFunction>>): Promise<string | null> {
  const copy = (response as Partial<Response>).clone?.();
  if (!copy) return null;
  try {
    const body = (await copy.json()) as { ok?: unknown; error?: unknown };
    if (body.ok !== false) return null;
    return typeof body.error === 'string' ? body.error : 'other';
  } catch {
    return 'invalid_json';
  }
}
