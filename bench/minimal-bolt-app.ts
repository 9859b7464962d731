import { App, LogLevel, type types } from '@slack/bolt';

// The comparator of the burst bench (issue 17): the smallest honest Bolt app that walks the same wizard
// with the same callback ids and inputs as the bot, so the bench's driver can run both unchanged.
// One file, state in a Map, no store, no state machine, no journal, no validation beyond what the bench
// sends: what Bolt, the Web API client and two Endicia calls cost on their own. Run as its own process
// (like the bot) with SLACK_API_URL, SLACK_SIGNING_SECRET, PORT and ENDICIA_URL.

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`minimal-bolt-app: ${name} is required`);
  return value;
};
const endiciaUrl = env('ENDICIA_URL');
const plain = (text: string) => ({ type: 'plain_text' as const, text });
const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Session {
  accountId: string;
  passPhrase: string;
  amount: string;
  channelId: string;
  balance: string;
}
const sessions = new Map<string, Session>();

async function endicia(
  path: string,
  field: string,
  root: string,
  body: string,
  session: Session,
): Promise<string> {
  const xml =
    `<${root}><RequesterID>lxxx</RequesterID><RequestID>${Date.now()}</RequestID><CertifiedIntermediary>` +
    `<AccountID>${escapeXml(session.accountId)}</AccountID><PassPhrase>${escapeXml(session.passPhrase)}</PassPhrase>` +
    `</CertifiedIntermediary>${body}</${root}>`;
  const response = await fetch(`${endiciaUrl}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ [field]: xml }),
  });
  const text = await response.text();
  return /<PostageBalance>([^<]*)</.exec(text)?.[1] ?? '?';
}

function modal(
  callbackId: string,
  title: string,
  text: string,
  submit: string,
  extra: types.KnownBlock[] = [],
) {
  return {
    type: 'modal' as const,
    callback_id: callbackId,
    title: plain(title),
    submit: plain(submit),
    close: plain('Cancel'),
    blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text } }, ...extra],
  };
}

const input = (id: string, label: string): types.KnownBlock => ({
  type: 'input',
  block_id: id,
  label: plain(label),
  element: { type: 'plain_text_input', action_id: id },
});

const app = new App({
  token: env('SLACK_BOT_TOKEN'),
  signingSecret: env('SLACK_SIGNING_SECRET'),
  clientOptions: { slackApiUrl: `${env('SLACK_API_URL').replace(/\/$/, '')}/` },
  logLevel: LogLevel.ERROR,
  customRoutes: [{ path: '/healthz', method: ['GET'], handler: (_req, res) => res.writeHead(200).end('ok') }],
});

app.command('/postage', async ({ ack, body, client }) => {
  await ack();
  sessions.set(body.user_id, {
    accountId: '',
    passPhrase: '',
    amount: body.text.split(' ')[1] ?? '10',
    channelId: body.channel_id,
    balance: '',
  });
  await client.views.open({
    trigger_id: body.trigger_id,
    view: modal('postage/account', 'Endicia Account', 'Log in to Endicia', 'Log in', [
      input('account_id', 'Account Number'),
      input('pass_phrase', 'Pass Phrase'),
    ]),
  });
});

app.view('postage/account', async ({ ack, body, view }) => {
  const session = sessions.get(body.user.id);
  if (session === undefined) return ack();
  session.accountId = view.state.values['account_id']?.['account_id']?.value ?? '';
  session.passPhrase = view.state.values['pass_phrase']?.['pass_phrase']?.value ?? '';
  session.balance = await endicia(
    'GetAccountStatusXML',
    'accountStatusRequestXML',
    'AccountStatusRequest',
    '',
    session,
  );
  await ack({
    response_action: 'update',
    view: modal('postage/details', 'Postage Details', `Balance: $${session.balance}`, 'Buy Postage', [
      input('amount', 'Postage to Add'),
    ]),
  });
});

app.view('postage/details', async ({ ack, body }) => {
  const session = sessions.get(body.user.id);
  await ack({
    response_action: 'update',
    view: modal('postage/confirming', 'Confirm', `Buy $${session?.amount} of postage?`, 'Buy'),
  });
});

app.view('postage/confirming', async ({ ack, body }) => {
  const session = sessions.get(body.user.id);
  if (session === undefined) return ack();
  const dollars = session.amount.includes('.') ? session.amount : `${session.amount}.00`;
  const amount = `<RecreditAmount>${dollars}</RecreditAmount>`;
  session.balance = await endicia('BuyPostageXML', 'recreditRequestXML', 'RecreditRequest', amount, session);
  await ack({
    response_action: 'update',
    view: modal('postage/done', 'Bought', `New balance: $${session.balance}`, 'Finish'),
  });
});

app.view('postage/done', async ({ ack, body, client }) => {
  await ack();
  const session = sessions.get(body.user.id);
  sessions.delete(body.user.id);
  if (session !== undefined) {
    await client.chat.postMessage({
      channel: session.channelId,
      text: `Bought $${session.amount} of postage; new balance $${session.balance}`,
    });
  }
});

await app.start(Number(process.env['PORT'] ?? '3000'));
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
