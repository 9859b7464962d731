import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack, userKey } from '../helpers/fake-slack/index.ts';
import { clientFor, plain, sampleModal } from './fixtures.ts';

const ALICE = userKey('T1', 'U1');
let clock = 1_700_000_000_000;
let fake: FakeSlack;

beforeEach(async () => {
  clock = 1_700_000_000_000;
  fake = await startFakeSlack({ now: () => clock });
});
afterEach(async () => {
  await fake.close();
});

const platformError = (error: string) => ({ data: expect.objectContaining({ ok: false, error }) });

describe('views.open', () => {
  it('opens a modal for the trigger’s owner with Slack’s view fields', async () => {
    const client = clientFor(fake);
    const res = await client.views.open({ trigger_id: fake.issueTriggerId(ALICE), view: sampleModal() });
    const view = res.view;
    expect(view?.id).toMatch(/^V[0-9A-Z]+$/);
    expect(view).toMatchObject({
      team_id: 'T1',
      app_id: 'A0FAKE',
      callback_id: 'buy/details',
      private_metadata: 'session-1',
      root_view_id: view?.id,
      previous_view_id: null,
      state: { values: {} },
    });
    expect(view?.hash).toEqual(expect.any(String));
    expect(fake.views.top(ALICE)?.id).toBe(view?.id);
    const call = fake.callsTo('views.open')[0];
    expect(call?.token).toBe('xoxb-test');
    expect(call?.args).toMatchObject({ view: { callback_id: 'buy/details' } });
  });

  it('fills in block ids Slack generates when the app leaves them out', async () => {
    const view = sampleModal({ blocks: [{ type: 'divider' }] });
    const res = await clientFor(fake).views.open({ trigger_id: fake.issueTriggerId(ALICE), view });
    expect(res.view?.blocks?.[0]?.block_id).toEqual(expect.any(String));
  });

  it('accepts a trigger at exactly 3 s and refuses it after', async () => {
    const client = clientFor(fake);
    const onTime = fake.issueTriggerId(ALICE);
    const late = fake.issueTriggerId(ALICE);
    clock += 3000;
    await expect(client.views.open({ trigger_id: onTime, view: sampleModal() })).resolves.toMatchObject({
      ok: true,
    });
    clock += 1;
    await expect(client.views.open({ trigger_id: late, view: sampleModal() })).rejects.toMatchObject(
      platformError('expired_trigger_id'),
    );
  });

  it('refuses a trigger used twice', async () => {
    const client = clientFor(fake);
    const trigger = fake.issueTriggerId(ALICE);
    await client.views.open({ trigger_id: trigger, view: sampleModal() });
    await expect(client.views.open({ trigger_id: trigger, view: sampleModal() })).rejects.toMatchObject(
      platformError('expired_trigger_id'),
    );
  });

  it('answers invalid_arguments with a message for an unknown trigger', async () => {
    await expect(
      clientFor(fake).views.open({ trigger_id: '1.2.3', view: sampleModal() }),
    ).rejects.toMatchObject({
      data: {
        ok: false,
        error: 'invalid_arguments',
        response_metadata: { messages: [expect.stringContaining('trigger_id')] },
      },
    });
  });

  it('refuses a duplicate external_id', async () => {
    const client = clientFor(fake);
    await client.views.open({
      trigger_id: fake.issueTriggerId(ALICE),
      view: sampleModal({ external_id: 'x1' }),
    });
    await expect(
      client.views.open({
        trigger_id: fake.issueTriggerId(userKey('T1', 'U2')),
        view: sampleModal({ external_id: 'x1' }),
      }),
    ).rejects.toMatchObject(platformError('duplicate_external_id'));
  });
});

describe('views limits', () => {
  it.each([
    ['a 25-character title', sampleModal({ title: plain('x'.repeat(25)) }), '/view/title/text'],
    [
      '101 blocks',
      sampleModal({ blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }),
      '/view/blocks',
    ],
    [
      '3001 characters of private_metadata',
      sampleModal({ private_metadata: 'm'.repeat(3001) }),
      '/view/private_metadata',
    ],
    [
      'input blocks without submit',
      sampleModal({ submit: undefined }),
      'must define submit to use input block',
    ],
  ])('refuses %s with invalid_arguments and records the violation', async (_name, view, expected) => {
    await expect(
      clientFor(fake).views.open({ trigger_id: fake.issueTriggerId(ALICE), view }),
    ).rejects.toMatchObject({
      data: {
        error: 'invalid_arguments',
        response_metadata: { messages: [expect.stringContaining(expected)] },
      },
    });
    expect(fake.violations).toEqual([{ where: 'views.open', message: expect.stringContaining(expected) }]);
    expect(fake.views.top(ALICE)).toBeUndefined();
  });

  it('answers view_too_large above 250 kB', async () => {
    const blocks = Array.from({ length: 90 }, () => ({ type: 'section', text: plain('x'.repeat(2990)) }));
    await expect(
      clientFor(fake).views.open({
        trigger_id: fake.issueTriggerId(ALICE),
        view: sampleModal({ blocks, submit: undefined }),
      }),
    ).rejects.toMatchObject(platformError('view_too_large'));
  });
});

describe('views.push', () => {
  it('stacks up to 3 views and then answers push_limit_reached', async () => {
    const client = clientFor(fake);
    const root = await client.views.open({ trigger_id: fake.issueTriggerId(ALICE), view: sampleModal() });
    const second = await client.views.push({ trigger_id: fake.issueTriggerId(ALICE), view: sampleModal() });
    const third = await client.views.push({ trigger_id: fake.issueTriggerId(ALICE), view: sampleModal() });
    expect(second.view).toMatchObject({ root_view_id: root.view?.id, previous_view_id: root.view?.id });
    expect(third.view).toMatchObject({ root_view_id: root.view?.id, previous_view_id: second.view?.id });
    await expect(
      client.views.push({ trigger_id: fake.issueTriggerId(ALICE), view: sampleModal() }),
    ).rejects.toMatchObject(platformError('push_limit_reached'));
    expect(fake.views.stackOf(ALICE).map((v) => v.id)).toEqual([
      root.view?.id,
      second.view?.id,
      third.view?.id,
    ]);
  });

  it('records pushing with no modal open as a violation', async () => {
    await expect(
      clientFor(fake).views.push({ trigger_id: fake.issueTriggerId(ALICE), view: sampleModal() }),
    ).rejects.toMatchObject(platformError('invalid_arguments'));
    expect(fake.violations).toHaveLength(1);
  });
});

describe('views.update', () => {
  async function openOne() {
    const res = await clientFor(fake).views.open({
      trigger_id: fake.issueTriggerId(ALICE),
      view: sampleModal(),
    });
    const view = res.view;
    if (view?.id === undefined || view.hash === undefined) throw new Error('open failed');
    return { id: view.id, hash: view.hash };
  }

  it('keeps the id, changes the hash every time and refuses a stale hash', async () => {
    const client = clientFor(fake);
    const { id, hash } = await openOne();
    const first = await client.views.update({
      view_id: id,
      hash,
      view: sampleModal({ title: plain('Step 2') }),
    });
    expect(first.view).toMatchObject({ id, title: { text: 'Step 2' } });
    expect(first.view?.hash).not.toBe(hash);
    await expect(client.views.update({ view_id: id, hash, view: sampleModal() })).rejects.toMatchObject(
      platformError('hash_conflict'),
    );
    const second = await client.views.update({
      view_id: id,
      hash: first.view?.hash ?? '',
      view: sampleModal(),
    });
    expect(second.view?.hash).not.toBe(first.view?.hash);
  });

  it('updates by external_id and answers not_found for unknown or closed views', async () => {
    const client = clientFor(fake);
    await client.views.open({
      trigger_id: fake.issueTriggerId(ALICE),
      view: sampleModal({ external_id: 'ext-1' }),
    });
    await expect(
      client.views.update({ external_id: 'ext-1', view: sampleModal({ title: plain('By external id') }) }),
    ).resolves.toMatchObject({ view: { title: { text: 'By external id' } } });
    await expect(client.views.update({ view_id: 'VNOPE', view: sampleModal() })).rejects.toMatchObject(
      platformError('not_found'),
    );
    const closed = fake.views.pop(ALICE);
    await expect(
      client.views.update({ view_id: closed?.id ?? '', view: sampleModal() }),
    ).rejects.toMatchObject(platformError('not_found'));
  });

  it('preserves typed input where block_id + action_id are unchanged, like Slack', async () => {
    const { id } = await openOne();
    fake.views.setValue(id, 'amount', 'value', { type: 'plain_text_input', value: '25.00' });
    fake.views.setValue(id, 'remember', 'value', {
      type: 'checkboxes',
      selected_options: [{ text: plain('Remember account'), value: 'yes' }],
    });
    const [intro, amount, remember] = sampleModal().blocks;
    const renamed = { ...remember, block_id: 'remember-2' };
    await clientFor(fake).views.update({
      view_id: id,
      view: sampleModal({ blocks: [intro, amount, renamed] }),
    });
    expect(fake.views.byId(id)?.view.state.values).toEqual({
      amount: { value: { type: 'plain_text_input', value: '25.00' } },
    });
  });

  it('drops a typed value when the element type changes under the same ids', async () => {
    const { id } = await openOne();
    fake.views.setValue(id, 'amount', 'value', { type: 'plain_text_input', value: '25.00' });
    const numberAmount = {
      type: 'input',
      block_id: 'amount',
      label: plain('Amount'),
      element: { type: 'number_input', action_id: 'value', is_decimal_allowed: true },
    };
    await clientFor(fake).views.update({ view_id: id, view: sampleModal({ blocks: [numberAmount] }) });
    expect(fake.views.byId(id)?.view.state.values).toEqual({});
  });
});

describe('auth', () => {
  it('refuses an app-level token for bot methods and a bot token for apps.connections.open', async () => {
    const trigger = fake.issueTriggerId(ALICE);
    await expect(
      clientFor(fake, 'xapp-1').views.open({ trigger_id: trigger, view: sampleModal() }),
    ).rejects.toMatchObject(platformError('invalid_auth'));
    await expect(clientFor(fake).apps.connections.open({})).rejects.toMatchObject(
      platformError('invalid_auth'),
    );
  });

  it('answers not_authed without a token and checks an exact token when configured', async () => {
    await expect(clientFor(fake, '').auth.test()).rejects.toMatchObject(platformError('not_authed'));
    const strict = await startFakeSlack({ botToken: 'xoxb-right' });
    try {
      await expect(clientFor(strict, 'xoxb-wrong').auth.test()).rejects.toMatchObject(
        platformError('invalid_auth'),
      );
      await expect(clientFor(strict, 'xoxb-right').auth.test()).resolves.toMatchObject({
        user_id: 'U0FAKEBOT',
        bot_id: 'B0FAKE',
      });
    } finally {
      await strict.close();
    }
  });
});
