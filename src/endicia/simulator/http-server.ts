import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { OPERATIONS } from './operations.ts';
import { sendText } from './replies.ts';
import type { SimOperation } from './types.ts';

/** One routed ELS call: which operation and the request document it carried. */
export interface ElsCall {
  op: SimOperation;
  xml: string;
  request: IncomingMessage;
  response: ServerResponse;
}

const ROUTE = /^\/LabelService\/EwsLabelService\.asmx\/([A-Za-z]+)XML\/?$/i;
const MAX_BODY = 1024 * 1024;

function operationFor(pathname: string): SimOperation | undefined {
  const name = ROUTE.exec(pathname)?.[1]?.toLowerCase();
  return (Object.keys(OPERATIONS) as SimOperation[]).find((op) => op.toLowerCase() === name);
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** ASP.NET looks form fields up case-insensitively (DOC13 itself writes `ResetSuspendedAccountRequestXML=`). */
function field(params: URLSearchParams, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of params) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/**
 * Transport only: routes `POST|GET …/EwsLabelService.asmx/{Op}XML`, reads the form field or query parameter,
 * and hands the document to `onCall`. Unknown paths → 404, other methods → 405, a missing field → HTTP 500
 * text/plain "Missing parameter: x." like ASMX.
 */
export function createRequestListener(
  onCall: (call: ElsCall) => Promise<void>,
  now: () => Date,
): RequestListener {
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://simulator.invalid');
    const op = operationFor(url.pathname);
    if (op === undefined) return sendText(response, 404, 'Not Found', now());
    if (request.method !== 'POST' && request.method !== 'GET') {
      response.setHeader('Allow', 'GET, POST');
      return sendText(response, 405, 'Method Not Allowed', now());
    }
    let params = url.searchParams;
    if (request.method === 'POST') {
      const body = await readBody(request);
      if (body === undefined) return sendText(response, 413, 'Request Entity Too Large', now());
      const form = (request.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
      params = new URLSearchParams(form ? body : '');
    }
    const { field: name } = OPERATIONS[op];
    const xml = field(params, name);
    if (xml === undefined) return sendText(response, 500, `Missing parameter: ${name}.`, now());
    await onCall({ op, xml, request, response });
  };
  return (request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendText(response, 500, 'Internal simulator error', now());
      else response.destroy();
    });
  };
}
