/** A parsed JSON object whose shape we have not checked yet (everything the bot sends us). */
export type JsonObject = Record<string, unknown>;

/** Narrows an unknown JSON value to an object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object, or undefined. */
export function objectOf(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

/** The value as an array, or an empty array (absent lists are empty lists for our checks). */
export function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value as a string, or undefined. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `obj[key]` as a string, or undefined. */
export function field(obj: JsonObject | undefined, key: string): string | undefined {
  return obj === undefined ? undefined : stringOf(obj[key]);
}

/** `obj[key]` as an object, or undefined. */
export function child(obj: JsonObject | undefined, key: string): JsonObject | undefined {
  return obj === undefined ? undefined : objectOf(obj[key]);
}

/** Parses JSON without throwing; undefined for malformed text. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `obj[key]` (absent objects have no keys). */
export function get(obj: JsonObject | undefined, key: string): unknown {
  return obj?.[key];
}

/** The objects in an array value (other entries skipped). */
export function objectsIn(value: unknown): JsonObject[] {
  return arrayOf(value).filter(isObject);
}
