import { get, type JsonObject, objectOf, stringOf } from './json.ts';

/**
 * Collects problems in Slack's own `response_metadata.messages` format:
 * `[ERROR] <what> [json-pointer:/view/title/text]` or `[WARN] …`.
 */
export interface Issues {
  readonly list: string[];
  error(path: string, message: string): void;
  warn(path: string, message: string): void;
}

/** A fresh collector. */
export function createIssues(): Issues {
  const list: string[] = [];
  return {
    list,
    error: (path, message) => list.push(`[ERROR] ${message} [json-pointer:${path}]`),
    warn: (path, message) => list.push(`[WARN] ${message} [json-pointer:${path}]`),
  };
}

/** Errors when a string field is longer than `max` (absent is fine; a non-string is an error). */
export function checkLength(issues: Issues, obj: JsonObject, key: string, path: string, max: number): void {
  const value = obj[key];
  if (value === undefined) return;
  if (typeof value !== 'string') {
    issues.error(`${path}/${key}`, `${key} must be a string`);
    return;
  }
  if (value.length > max) issues.error(`${path}/${key}`, `${key} must be at most ${max} characters`);
}

export interface TextRule {
  /** Longest allowed `text`. */
  max: number;
  /** Only `plain_text` allowed (titles, labels, buttons, headers, placeholders). */
  plainOnly?: boolean;
  /** The text object itself must be present. */
  required?: boolean;
}

/** Checks a composition text object (`{type, text}`) at `obj[key]`: type, 1..max characters. */
export function checkText(issues: Issues, obj: JsonObject, key: string, path: string, rule: TextRule): void {
  checkTextObject(issues, obj[key], `${path}/${key}`, key, rule);
}

/** Checks a text object value found at `at`; `name` is how messages call it. */
export function checkTextObject(
  issues: Issues,
  raw: unknown,
  at: string,
  name: string,
  rule: TextRule,
): void {
  if (raw === undefined) {
    if (rule.required === true) issues.error(at, `${name} is required`);
    return;
  }
  const text = objectOf(raw);
  if (text === undefined) {
    issues.error(at, `${name} must be a text object`);
    return;
  }
  const type = stringOf(get(text, 'type'));
  const allowed = rule.plainOnly === true ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (type === undefined || !allowed.includes(type)) {
    issues.error(`${at}/type`, `${name} must be of type ${allowed.join(' or ')}`);
  }
  const value = stringOf(get(text, 'text'));
  const label = name === 'text' ? 'text' : `${name} text`;
  if (value === undefined || value.length === 0) {
    issues.error(`${at}/text`, `${label} must be 1 to ${rule.max} characters`);
  } else if (value.length > rule.max) {
    issues.error(`${at}/text`, `${label} must be at most ${rule.max} characters`);
  }
}
