import type { App, types } from '@slack/bolt';

const plain = (text: string) => ({ type: 'plain_text' as const, text });

function amountModal(): types.ModalView {
  return {
    type: 'modal',
    callback_id: 'buy/amount',
    title: plain('Buy postage'),
    submit: plain('Next'),
    private_metadata: 'session-42',
    blocks: [
      {
        type: 'input',
        block_id: 'amount',
        label: plain('Postage to add'),
        element: { type: 'plain_text_input', action_id: 'value' },
      },
    ],
  };
}

function confirmModal(amount: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: 'buy/confirm',
    title: plain('Confirm'),
    submit: plain('Buy'),
    private_metadata: 'session-42',
    blocks: [
      {
        type: 'section',
        block_id: 'summary',
        text: { type: 'mrkdwn', text: `Buy *$${amount}* of postage?` },
      },
      {
        type: 'actions',
        block_id: 'more',
        elements: [{ type: 'button', action_id: 'details', text: plain('Details') }],
      },
    ],
  };
}

const detailsModal: types.ModalView = {
  type: 'modal',
  callback_id: 'buy/details',
  title: plain('Details'),
  notify_on_close: true,
  blocks: [{ type: 'section', block_id: 'd', text: { type: 'mrkdwn', text: 'Endicia account 123456' } }],
};

type Values = Record<string, Record<string, { value?: string | null }>>;

function textValue(values: Values, blockId: string, actionId: string): string {
  return values[blockId]?.[actionId]?.value ?? '';
}

/** What the tiny app saw, for assertions. */
export interface TinyAppLog {
  closedViews: string[];
  submittedMetadata: string[];
}

/**
 * A minimal wizard on a real Bolt App: `/postage buy` opens a modal, a bad amount gets field
 * errors, a good one updates to a confirm view whose Details button pushes a view; Buy closes the
 * modal and posts a message with a button that answers through its response_url.
 */
export function registerTinyWizard(app: App): TinyAppLog {
  const log: TinyAppLog = { closedViews: [], submittedMetadata: [] };
  app.command('/postage', async ({ ack, body, client, respond }) => {
    if (body.text === 'help') return ack('Usage: /postage buy');
    await ack();
    if (body.text === 'balance') {
      await respond({ text: 'Balance: $30.00' });
      return;
    }
    await client.views.open({ trigger_id: body.trigger_id, view: amountModal() });
  });
  app.view('buy/amount', async ({ ack, view }) => {
    log.submittedMetadata.push(view.private_metadata);
    const amount = textValue(view.state.values, 'amount', 'value');
    if (!/^\d+\.\d{2}$/.test(amount)) {
      await ack({ response_action: 'errors', errors: { amount: 'Enter an amount like 25.00' } });
      return;
    }
    await ack({ response_action: 'update', view: confirmModal(amount) });
  });
  app.action('details', async ({ ack, body, client }) => {
    await ack();
    if (body.type === 'block_actions')
      await client.views.push({ trigger_id: body.trigger_id, view: detailsModal });
  });
  app.view({ callback_id: 'buy/details', type: 'view_closed' }, async ({ ack, view }) => {
    await ack();
    log.closedViews.push(view.id);
  });
  app.view('buy/confirm', async ({ ack, body, client }) => {
    await ack();
    await client.chat.postMessage({
      channel: 'C0GENERAL',
      text: `<@${body.user.id}> bought postage`,
      blocks: [
        { type: 'section', block_id: 'receipt', text: { type: 'mrkdwn', text: 'Bought *$25.00*' } },
        {
          type: 'actions',
          block_id: 'again',
          elements: [{ type: 'button', action_id: 'buy_again', text: plain('Buy again') }],
        },
      ],
    });
  });
  app.action('buy_again', async ({ ack, respond }) => {
    await ack();
    await respond({ text: 'Type /postage buy to buy again' });
  });
  return log;
}
