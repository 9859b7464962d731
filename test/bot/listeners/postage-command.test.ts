import { describe, expect, it } from 'vitest';
import { postageCommand } from '../../../src/bot/commands/postage.ts';
import { CALLBACK_IDS } from '../../../src/bot/ids.ts';
import { commandArgs, startKit } from './listener-kit.ts';

describe('postageCommand (the /postage listener body)', () => {
  it('answers `help` in the ack, ephemerally, with the command list, and calls no Slack method', async () => {
    const kit = await startKit();
    const { args, ack } = commandArgs(kit, 'help');
    await postageCommand(args, kit.deps, kit.background);
    expect(ack.calls).toHaveLength(1);
    const body = ack.calls[0] as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('/postage buy');
    expect(body.text).not.toContain('Unknown command');
    expect(kit.calls).toEqual([]);
  });

  it('answers an unknown word with "did you mean" before the help', async () => {
    const kit = await startKit();
    const { args, ack } = commandArgs(kit, 'balanse');
    await postageCommand(args, kit.deps, kit.background);
    expect(ack.calls).toHaveLength(1);
    const body = ack.calls[0] as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('Unknown command `balanse` — did you mean `balance`?');
    expect(body.text).toContain('/postage buy');
  });

  it('`buy 25` acks bare, then opens the wizard (account page) on the command trigger', async () => {
    const kit = await startKit();
    const { args, ack } = commandArgs(kit, 'buy 25');
    await postageCommand(args, kit.deps, kit.background);
    // The ack comes first and carries nothing: the modal is the answer.
    expect(ack.calls).toEqual([undefined]);
    await kit.background.drain();
    expect(kit.calls.map(([method]) => method)).toEqual(['views.open']);
    expect(kit.calls[0]?.[1]).toMatchObject({ trigger_id: 'trigger-1' });
    const [view] = kit.opened();
    expect(view?.callback_id).toBe(CALLBACK_IDS.account);
    expect(view?.private_metadata).toBe('T0LISTEN.S1');
    expect(kit.respond.calls).toEqual([]);
  });
});
