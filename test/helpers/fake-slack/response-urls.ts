import type { IdFactory } from './ids.ts';

/** Slack's response_url budget: 5 posts within 30 minutes (slack-platform.md §9) [C/L]. */
export const RESPONSE_URL_LIMITS = { uses: 5, ttlMs: 30 * 60 * 1000 } as const;

/** Outcome of a POST to a response URL; the non-ok ones are answered with 404 like Slack. */
export type ResponsePost = 'ok' | 'no_such_url' | 'used_url' | 'expired_url';

/** The fake's response URLs and what was posted to each (e.g. slash-command replies via respond()). */
export interface ResponseUrls {
  /** A new response URL id. */
  create(): string;
  post(id: string, body: unknown): ResponsePost;
  /** Bodies accepted at this id, oldest first. */
  bodies(id: string): readonly unknown[];
  reset(): void;
}

/** Creates the response URL book. */
export function createResponseUrls(ids: IdFactory, now: () => number): ResponseUrls {
  const urls = new Map<string, { created: number; bodies: unknown[] }>();
  return {
    create: () => {
      const id = ids.token();
      urls.set(id, { created: now(), bodies: [] });
      return id;
    },
    post: (id, body) => {
      const entry = urls.get(id);
      if (entry === undefined) return 'no_such_url';
      if (now() - entry.created > RESPONSE_URL_LIMITS.ttlMs) return 'expired_url';
      if (entry.bodies.length >= RESPONSE_URL_LIMITS.uses) return 'used_url';
      entry.bodies.push(body);
      return 'ok';
    },
    bodies: (id) => urls.get(id)?.bodies ?? [],
    reset: () => urls.clear(),
  };
}
