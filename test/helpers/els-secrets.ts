import { inspect } from 'node:util';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The ways a secret could be spelled in something that leaked: raw, XML-escaped, URL- or form-encoded. */
function spellings(secret: string): string[] {
  return [
    secret,
    escapeXml(secret),
    encodeURIComponent(secret),
    new URLSearchParams({ x: secret }).toString().slice(2),
  ];
}

function views(error: unknown, depth = 0): Array<[string, string]> {
  const out: Array<[string, string]> = [
    ['String()', String(error)],
    ['JSON.stringify', JSON.stringify(error) ?? ''],
    ['util.inspect', inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })],
  ];
  if (error instanceof Error) {
    out.push(['message', error.message], ['stack', error.stack ?? '']);
    if (error.cause !== undefined && depth < 10) {
      out.push(
        ...views(error.cause, depth + 1).map(([name, text]): [string, string] => [`cause.${name}`, text]),
      );
    }
  }
  return out;
}

/**
 * The names of the views of `error` (message, stack, JSON, inspect, cause chain) that contain any spelling of
 * a secret. Returns names only, so a failing assertion never prints the secret itself.
 */
export function leakedViews(error: unknown, secrets: readonly string[]): string[] {
  const needles = secrets.flatMap(spellings);
  return views(error)
    .filter(([, text]) => needles.some((needle) => text.includes(needle)))
    .map(([name]) => name);
}
