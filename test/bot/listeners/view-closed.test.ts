import { describe, expect, it } from 'vitest';
import { viewClosed } from '../../../src/bot/listeners/view-closed.ts';
import { closedArgs, openAccountPage, startKit, viewOutput } from './listener-kit.ts';

describe('viewClosed (the wizard close listener body)', () => {
  it('ends the owner session, then acks once', async () => {
    const kit = await startKit();
    const view = viewOutput(await openAccountPage(kit));
    const { args, ack } = closedArgs(kit, view);
    await viewClosed(args, kit.deps, kit.background);
    expect(ack.calls).toEqual([undefined]);
    await kit.background.drain();
    expect((await kit.deps.runner.peek('T0LISTEN.S1'))?.value ?? 'gone').not.toBe('account');
  });

  it('leaves the session alone when the same user id closes it from another workspace', async () => {
    const kit = await startKit();
    const view = viewOutput(await openAccountPage(kit));
    const { args, ack } = closedArgs(kit, view, undefined, 'T0ELSEWHERE');
    await viewClosed(args, kit.deps, kit.background);
    expect(ack.calls).toEqual([undefined]);
    await kit.background.drain();
    expect((await kit.deps.runner.peek('T0LISTEN.S1'))?.value).toBe('account');
  });
});
