import type { CallbackOptions } from '@slack/oauth';

const html = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, paragraphs: readonly string[]): string {
  const body = paragraphs.map((p) => `<p>${p}</p>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${html(title)}</title></head>
<body style="font-family: sans-serif; max-width: 36em; margin: 3em auto">
<h1>${html(title)}</h1>
${body}
</body></html>
`;
}

/**
 * The pages the install flow ends on: what happened and what to do next. The failure page never shows
 * the error's text (it could quote Slack's answer); the reason is logged by the installer.
 */
export function installPages(installPath: string): Pick<CallbackOptions, 'success' | 'failure'> {
  return {
    success(installation, _options, _req, res) {
      const where = installation.team?.name ?? installation.enterprise?.name;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        page('Postage is installed', [
          `Postage is now installed${where ? ` in <strong>${html(where)}</strong>` : ''}.`,
          'Open Slack and type <code>/postage help</code> in any channel to see what it does, or <code>/postage buy</code> to log in to your Endicia account and buy postage.',
          'You can close this window.',
        ]),
      );
    },
    failure(_error, _options, _req, res) {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        page('Postage was not installed', [
          'The installation did not finish: the link was not made by this app, has expired (links last 10 minutes) or was already used, or Slack refused it.',
          `Nothing was installed. <a href="${html(installPath)}">Start again</a> and finish within 10 minutes.`,
        ]),
      );
    },
  };
}
