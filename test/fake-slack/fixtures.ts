import { webApi } from '@slack/bolt';
import { type FakeSlack, quietSlackLogger } from '../helpers/fake-slack/index.ts';

/** A real @slack/web-api client pointed at the fake, never retrying (Slack's wire format, exactly). */
export function clientFor(
  fake: FakeSlack,
  token = 'xoxb-test',
  options: webApi.WebClientOptions = {},
): webApi.WebClient {
  return new webApi.WebClient(token, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    logger: quietSlackLogger(),
    ...options,
  });
}

export const plain = (text: string) => ({ type: 'plain_text' as const, text });

/** A small valid modal with two inputs and a button. */
export function sampleModal(overrides: Record<string, unknown> = {}) {
  return {
    type: 'modal' as const,
    callback_id: 'buy/details',
    title: plain('Buy postage'),
    submit: plain('Next'),
    private_metadata: 'session-1',
    blocks: [
      { type: 'section', block_id: 'intro', text: { type: 'mrkdwn', text: 'Balance *$30.00*' } },
      {
        type: 'input',
        block_id: 'amount',
        label: plain('Postage to add'),
        element: { type: 'plain_text_input', action_id: 'value' },
      },
      {
        type: 'input',
        block_id: 'remember',
        optional: true,
        label: plain('Remember'),
        element: {
          type: 'checkboxes',
          action_id: 'value',
          options: [{ text: plain('Remember account'), value: 'yes' }],
        },
      },
      {
        type: 'actions',
        block_id: 'more',
        elements: [{ type: 'button', action_id: 'details', text: plain('Details'), value: 'd' }],
      },
    ],
    ...overrides,
  };
}
