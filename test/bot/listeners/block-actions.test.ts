import { describe, expect, it } from 'vitest';
import { ACTION_IDS, BLOCK_IDS, OPTION_VALUES } from '../../../src/bot/ids.ts';
import { revealAction } from '../../../src/bot/listeners/block-actions.ts';
import { MAIN, PHRASES } from '../../actors/fixtures.ts';
import {
  actionArgs,
  type ListenerKit,
  openAccountPage,
  startKit,
  TEAM,
  USER,
  viewOutput,
} from './listener-kit.ts';

const revealTicked = {
  type: 'checkboxes' as const,
  action_id: ACTION_IDS.reveal,
  block_id: BLOCK_IDS.reveal,
  action_ts: '1.0',
  selected_options: [{ text: { type: 'plain_text' as const, text: 'Show' }, value: OPTION_VALUES.reveal }],
};

/** The clerk remembered MAIN earlier, then opened the wizard: the account page offers Reveal. */
async function rememberedPage(kit: ListenerKit) {
  await kit.deps.credentials.set(TEAM, USER, {
    accountId: MAIN,
    passPhrase: PHRASES.main,
    savedAt: '2025-06-01T09:00:00.000Z',
    monitorBlockedAt: null,
  });
  return viewOutput(await openAccountPage(kit));
}

describe('revealAction (the Reveal checkbox listener body)', () => {
  it('acks at once and shows the owner their remembered pass phrase through views.update', async () => {
    const kit = await startKit();
    const view = await rememberedPage(kit);
    const { args, ack } = actionArgs(kit, view, revealTicked);
    await revealAction(args, kit.deps, kit.background);
    expect(ack.calls).toEqual([undefined]);
    await kit.background.drain();
    const updates = kit.calls.filter(([method]) => method === 'views.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]?.[1]).toMatchObject({ view_id: view.id, hash: view.hash });
    expect(JSON.stringify(updates[0]?.[1]).includes(JSON.stringify(PHRASES.main).slice(1, -1))).toBe(true);
  });

  it('refuses the same user id clicking from another workspace: acked, nothing shown or updated', async () => {
    const kit = await startKit();
    const view = await rememberedPage(kit);
    const { args, ack } = actionArgs(kit, view, revealTicked, undefined, 'T0ELSEWHERE');
    await revealAction(args, kit.deps, kit.background);
    expect(ack.calls).toEqual([undefined]);
    await kit.background.drain();
    expect(kit.calls.map(([method]) => method)).toEqual(['views.open']);
  });
});
