import type { ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { BLOCK_IDS, CALLBACK_IDS } from '../../../src/bot/ids.ts';
import { viewSubmission } from '../../../src/bot/listeners/view-submission.ts';
import { MAIN, PHRASES } from '../../actors/fixtures.ts';
import { submit } from '../form-values.ts';
import { openAccountPage, startKit, submissionArgs, viewOutput } from './listener-kit.ts';

describe('viewSubmission (the wizard submit listener body)', () => {
  it('answers a malformed account number in the ack, under its field, without calling Endicia', async () => {
    const kit = await startKit();
    const page = await openAccountPage(kit);
    const values = submit(page, { [BLOCK_IDS.accountId]: 'abc', [BLOCK_IDS.passPhrase]: PHRASES.main });
    const { args, ack } = submissionArgs(kit, viewOutput(page, values));
    await viewSubmission(args, kit.deps, kit.background);
    expect(ack.calls).toHaveLength(1);
    const answer = ack.calls[0] as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors)).toEqual([BLOCK_IDS.accountId]);
    // Still on the account page: nothing was sent to the wizard.
    expect((await kit.deps.runner.peek('T0LISTEN.S1'))?.value).toBe('account');
  });

  it('acks with the next page (response_action update) when the login settles within the budget', async () => {
    const kit = await startKit();
    const page = await openAccountPage(kit);
    const values = submit(page, { [BLOCK_IDS.accountId]: MAIN, [BLOCK_IDS.passPhrase]: PHRASES.main });
    const { args, ack } = submissionArgs(kit, viewOutput(page, values));
    await viewSubmission(args, kit.deps, kit.background);
    expect(ack.calls).toHaveLength(1);
    const answer = ack.calls[0] as { response_action: string; view: ModalView };
    expect(answer.response_action).toBe('update');
    expect(answer.view.callback_id).toBe(CALLBACK_IDS.details);
    expect(JSON.stringify(answer.view)).toContain('$120.50');
    await kit.background.drain();
    // The quick path needs no views.update: the ack was the answer.
    expect(kit.calls.map(([method]) => method)).toEqual(['views.open']);
  });

  it('treats a submission from the same user id in another workspace as an expired session', async () => {
    const kit = await startKit();
    const page = await openAccountPage(kit);
    const values = submit(page, { [BLOCK_IDS.accountId]: MAIN, [BLOCK_IDS.passPhrase]: PHRASES.main });
    const { args, ack } = submissionArgs(kit, viewOutput(page, values), undefined, 'T0ELSEWHERE');
    await viewSubmission(args, kit.deps, kit.background);
    const answer = ack.calls[0] as { response_action: string; view: ModalView };
    expect(answer.response_action).toBe('update');
    expect(answer.view.callback_id).not.toBe(CALLBACK_IDS.details);
    expect((await kit.deps.runner.peek('T0LISTEN.S1'))?.value).toBe('account');
  });
});
