import type { IncomingMessage, ServerResponse } from 'node:http';
import { type JsonObject, objectOf, tryParseJson } from './json.ts';

/** Form fields @slack/web-api JSON-stringifies (objects and arrays); decoded back for recording. */
const JSON_FIELDS = new Set(['view', 'blocks', 'attachments', 'metadata', 'unfurls', 'files']);

/** Reads a request body as bytes. */
export async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

/** Writes a JSON answer. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

/**
 * Decodes Web API arguments the way Slack reads them: a form body (the WebClient's wire format,
 * object arguments JSON-stringified into fields) or a JSON body. Undefined for anything else.
 */
export function parseApiArgs(body: string, contentType: string | undefined): JsonObject | undefined {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return objectOf(tryParseJson(body));
  if (type !== 'application/x-www-form-urlencoded' && body !== '') return undefined;
  const args: JsonObject = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const decoded = JSON_FIELDS.has(key) ? tryParseJson(value) : undefined;
    args[key] = decoded ?? value;
  }
  return args;
}
