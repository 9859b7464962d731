import { PHRASES } from './fixtures.ts';

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Every way a phrase could be spelled in a leak: raw, XML-, URL-, form- and JSON-escaped. */
function spellings(secret: string): string[] {
  return [
    secret,
    escapeXml(secret),
    encodeURIComponent(secret),
    new URLSearchParams({ x: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
  ];
}

const NAMED = Object.entries(PHRASES).flatMap(([name, phrase]) =>
  spellings(phrase).map((spelling) => [spelling, `‹${name}›`] as const),
);

/** True when `text` holds any fixture pass phrase in any spelling. */
export function leaks(text: string): boolean {
  return NAMED.some(([spelling]) => text.includes(spelling));
}

/**
 * A copy of `value` with every fixture pass phrase replaced by its name (`‹main›`), so an assertion on an
 * object that legitimately carries credentials can fail without printing a phrase.
 */
export function mask(value: unknown): unknown {
  if (typeof value === 'string') {
    return NAMED.reduce((text, [spelling, name]) => text.split(spelling).join(name), value);
  }
  if (Array.isArray(value)) return value.map(mask);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mask(item)]));
  }
  return value;
}
