/**
 * Identifies one person in one workspace on the fake: `T123:U456`. Trigger ids, view stacks and
 * response URLs belong to a user key, as they belong to a person in Slack.
 */
export type UserKey = `${string}:${string}`;

/** The key for `userId` in workspace `teamId`. */
export function userKey(teamId: string, userId: string): UserKey {
  return `${teamId}:${userId}`;
}

/** The workspace part of a key. */
export function teamOf(key: UserKey): string {
  return key.slice(0, key.indexOf(':'));
}
