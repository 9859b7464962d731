import type { WebClient } from '@slack/web-api';
import { createChannelQueue } from '../../../src/alerts/index.ts';
import { createLogger } from '../../../src/lib/logger.ts';
import type { AlertSubscription } from '../../../src/store/index.ts';

/** A chat call the fake client was asked to make. */
export interface ChatCall {
  method: 'chat.postMessage' | 'chat.update';
  args: Record<string, unknown>;
}

/** A WebClient stand-in recording chat calls; posts answer with increasing ts. */
export function fakeChatClient() {
  const calls: ChatCall[] = [];
  let sequence = 0;
  const client = {
    chat: {
      postMessage: async (args: Record<string, unknown>) => {
        calls.push({ method: 'chat.postMessage', args });
        sequence += 1;
        return { ok: true, ts: `1700000000.${String(sequence).padStart(6, '0')}` };
      },
      update: async (args: Record<string, unknown>) => {
        calls.push({ method: 'chat.update', args });
        return { ok: true };
      },
    },
    conversations: { open: async () => ({ ok: true, channel: { id: 'D1' } }) },
  } as unknown as WebClient;
  return { client, calls };
}

export const quiet = createLogger({ level: 'error', write: () => {} });
export const directQueue = () => createChannelQueue({ minIntervalMs: 0 });

export function alertSub(overrides: Partial<AlertSubscription> = {}): AlertSubscription {
  return {
    teamId: 'T1',
    channelId: 'C1',
    ownerUserId: 'U1',
    accountId: '2500001',
    thresholdMils: 50_000,
    state: 'alerted',
    alertMessageTs: '1700000000.000001',
    lastBalanceMils: 40_000,
    lastCheckedAt: '2026-03-01T12:00:00.000Z',
    createdAt: '2026-03-01T00:00:00.000Z',
    ...overrides,
  };
}
