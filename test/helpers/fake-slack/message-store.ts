import type { IdFactory } from './ids.ts';

/** A message as it currently reads in a channel (after any chat.update). */
export interface PostedMessage {
  readonly channel: string;
  readonly ts: string;
  text: string | undefined;
  blocks: unknown[] | undefined;
  readonly threadTs: string | undefined;
  /** How many times chat.update changed it. */
  edits: number;
}

/** An ephemeral message (chat.postEphemeral); Slack cannot edit these. */
export interface EphemeralMessage {
  readonly channel: string;
  readonly user: string;
  readonly ts: string;
  readonly text: string | undefined;
  readonly blocks: unknown[] | undefined;
}

/** Why a channel refuses posts, named after Slack's error codes. */
export type ChannelRefusal = 'not_in_channel' | 'channel_not_found' | 'is_archived';

export interface MessageContent {
  text: string | undefined;
  blocks: unknown[] | undefined;
}

/** Channels, DMs and the messages in them. */
export interface MessageStore {
  readonly byChannel: ReadonlyMap<string, readonly PostedMessage[]>;
  readonly ephemerals: readonly EphemeralMessage[];
  post(channel: string, content: MessageContent, threadTs: string | undefined): PostedMessage;
  find(channel: string, ts: string): PostedMessage | undefined;
  postEphemeral(channel: string, user: string, content: MessageContent): EphemeralMessage;
  /** The DM (one user) or group DM (several) for these users; the same id every time. */
  openConversation(users: readonly string[]): string;
  refuse(channel: string, reason: ChannelRefusal | undefined): void;
  refusal(channel: string): ChannelRefusal | undefined;
  reset(): void;
}

/** Creates the message store. */
export function createMessageStore(ids: IdFactory): MessageStore {
  const byChannel = new Map<string, PostedMessage[]>();
  const ephemerals: EphemeralMessage[] = [];
  const conversations = new Map<string, string>();
  const refused = new Map<string, ChannelRefusal>();

  return {
    byChannel,
    ephemerals,
    post: (channel, content, threadTs) => {
      const message: PostedMessage = { channel, ts: ids.messageTs(), ...content, threadTs, edits: 0 };
      byChannel.set(channel, [...(byChannel.get(channel) ?? []), message]);
      return message;
    },
    find: (channel, ts) => byChannel.get(channel)?.find((m) => m.ts === ts),
    postEphemeral: (channel, user, content) => {
      const message = { channel, user, ts: ids.messageTs(), ...content };
      ephemerals.push(message);
      return message;
    },
    openConversation: (users) => {
      const key = [...users].sort().join(',');
      const existing = conversations.get(key);
      if (existing !== undefined) return existing;
      const id = ids.conversationId(users.length > 1);
      conversations.set(key, id);
      return id;
    },
    refuse: (channel, reason) => {
      if (reason === undefined) refused.delete(channel);
      else refused.set(channel, reason);
    },
    refusal: (channel) => refused.get(channel),
    reset: () => {
      byChannel.clear();
      ephemerals.length = 0;
      conversations.clear();
      refused.clear();
    },
  };
}
