import type { ServerResponse } from 'node:http';

/** Headers the 2015 sandbox sent (ENDPOST cassettes), minus Server. */
function aspNetHeaders(now: Date): Record<string, string> {
  return {
    'Cache-Control': 'private, max-age=0',
    'X-AspNet-Version': '4.0.30319',
    'X-Powered-By': 'ASP.NET',
    Date: now.toUTCString(),
  };
}

/** An ELS answer: always HTTP 200 text/xml, whatever the Status. */
export function sendXml(response: ServerResponse, body: string, now: Date): void {
  response.writeHead(200, {
    ...aspNetHeaders(now),
    'Content-Type': 'text/xml; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

/** The first half of an answer, chunked, so the client reads a complete but truncated body. */
export function sendTruncatedXml(response: ServerResponse, body: string, now: Date): void {
  response.writeHead(200, { ...aspNetHeaders(now), 'Content-Type': 'text/xml; charset=utf-8' });
  response.end(body.slice(0, Math.floor(body.length / 2)));
}

/** Plain text, e.g. ASMX's "Missing parameter: x." with HTTP 500. */
export function sendText(response: ServerResponse, httpStatus: number, text: string, now: Date): void {
  response.writeHead(httpStatus, { ...aspNetHeaders(now), 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}

/** An HTML error page (IIS error, load balancer or maintenance page). */
export function sendHtml(response: ServerResponse, httpStatus: number, title: string, now: Date): void {
  const html =
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\r\n' +
    `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`;
  response.writeHead(httpStatus, { ...aspNetHeaders(now), 'Content-Type': 'text/html; charset=utf-8' });
  response.end(html);
}
