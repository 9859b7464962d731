import type { WebClientOptions } from '@slack/web-api';

type FetchFunction = NonNullable<WebClientOptions['fetch']>;
type FetchResponse = Awaited<ReturnType<FetchFunction>>;

/**
 * A WebClient `fetch` that reports every failed Slack Web API call: `{ ok: false, error }` answers (Slack
 * answers errors with HTTP 200), 429s (`ratelimited`), other statuses (`http_error`) and calls that got no
 * answer at all (`request_error`). The method is the URL's last path segment (the caller never puts an id
 * there). The response is passed on as it came (its body already read).
 */
export function observeSlackFetch(
  onError: (method: string, error: string) => void,
  inner?: FetchFunction,
): FetchFunction {
  return async (url, init) => {
    const method = new URL(String(url)).pathname.split('/').pop() ?? '';
    let response: FetchResponse;
    try {
      response = await (inner ?? (globalThis.fetch as FetchFunction))(url, init);
    } catch (error) {
      onError(method, 'request_error');
      throw error;
    }
    if (response.status === 429) onError(method, 'ratelimited');
    else if (response.status !== 200) onError(method, 'http_error');
    else if (!(response.headers.get('content-type') ?? '').includes('gzip')) {
      // Read once and handed on as the body the client reads: a clone() tees the body stream, and reading
      // both halves cost as much as the rest of the client's work per call (issue 17's burst profile).
      const text = await response.text();
      const error = platformError(text);
      if (error !== null) onError(method, error);
      return withBody(response, text);
    }
    return response;
  };
}

const NOT_OK = /"ok"\s*:\s*false/;

/** The `error` of an `{ ok: false }` body (parsed only when it can be one), or null. */
function platformError(text: string): string | null {
  if (!NOT_OK.test(text)) return null;
  try {
    const body = JSON.parse(text) as { ok?: unknown; error?: unknown };
    if (body.ok !== false) return null;
    return typeof body.error === 'string' ? body.error : 'other';
  } catch {
    return 'invalid_json';
  }
}

/** `response` with its body already read as `text` (all the WebClient reads of a response). */
function withBody(response: FetchResponse, text: string): FetchResponse {
  return {
    ok: response.ok,
    status: response.status,
    statusText: response.statusText,
    url: response.url,
    headers: response.headers,
    text: async () => text,
    json: async () => JSON.parse(text),
    arrayBuffer: async () => new TextEncoder().encode(text).buffer,
  };
}
