import type { BotDeps } from '../deps.ts';
import type { Reply } from './reply.ts';

/** What a command says when the store fails (full disk, read-only file): nothing was half-done. */
export const STORE_FAILED = 'Could not save — nothing was changed, try again.';

/** The command's reply, or the plain sentence above when it fails (logged), never a failed request. */
export async function orSorry(
  deps: Pick<BotDeps, 'logger'>,
  what: string,
  reply: Promise<Reply>,
): Promise<Reply> {
  try {
    return await reply;
  } catch (error) {
    deps.logger.error(`/postage ${what} failed`, { error });
    return { text: STORE_FAILED };
  }
}
