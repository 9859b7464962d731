/**
 * Defence in depth for log output: the code never logs a pass phrase on purpose, and this makes
 * sure an accident (a request object, an XML fragment, a form body) does not leak one either.
 */
const SECRET_KEY = /pass_?phrase|secret|token|password|authorization|cookie|encryption_?key/i;

const XML_SECRET = /<((?:New)?PassPhrase|Token)>[\s\S]*?<\/\1>/gi;
const ENCODED_XML_SECRET = /%3C((?:New)?PassPhrase|Token)%3E[\s\S]*?%3C%2F\1%3E/gi;

/** Masks secrets inside a string (XML elements, url-encoded XML elements). */
export function redactText(text: string): string {
  return text
    .replace(XML_SECRET, '<$1>[redacted]</$1>')
    .replace(ENCODED_XML_SECRET, '%3C$1%3E[redacted]%3C%2F$1%3E');
}

/** A JSON-safe copy of `value` with secret-named keys masked and errors reduced to name/code/message. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      ...(typeof code === 'string' ? { code } : {}),
      message: redactText(value.message),
      ...(value.cause === undefined ? {} : { cause: redact(value.cause, depth + 1) }),
    };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : redact(item, depth + 1);
  }
  return out;
}
