import type { ViewOutput, ViewStateValue } from '@slack/bolt';
import type { IdFactory } from './ids.ts';
import type { JsonObject } from './json.ts';
import { teamOf, type UserKey } from './user-key.ts';
import { buildView, identityOf } from './view-build.ts';
import { preservedState } from './view-state.ts';

/** Slack's modal stack limit: a root view plus two pushed views. */
export const MAX_VIEW_STACK = 3;

/** Every view the fake ever held, with its owner and whether it is still open. */
export interface ViewRecord {
  readonly view: ViewOutput;
  readonly userKey: UserKey;
  readonly open: boolean;
}

/**
 * The fake's modal state, the single source of truth for views: a stack per person (depth ≤ 3),
 * ids/hashes like Slack's, and typed input kept in `state.values`.
 */
export interface ViewStore {
  /** Open views of one person, root first. */
  stackOf(key: UserKey): ViewOutput[];
  /** The view this person sees (top of the stack). */
  top(key: UserKey): ViewOutput | undefined;
  /** Any view ever opened (open or closed) by id. */
  byId(viewId: string): ViewRecord | undefined;
  /** The open view with this external_id. */
  byExternalId(externalId: string): ViewOutput | undefined;
  /** All views ever opened, oldest first. */
  all(): readonly ViewRecord[];
  /** Opens a new modal for the person, replacing any stack they had. */
  open(key: UserKey, raw: JsonObject): ViewOutput;
  /** Pushes onto the person's stack; `undefined` when the stack is full or empty. */
  push(key: UserKey, raw: JsonObject): ViewOutput | undefined;
  /** Replaces a view in place: same id, new hash, input of unchanged input blocks kept. */
  update(viewId: string, raw: JsonObject): ViewOutput | undefined;
  /** Records what the person typed/chose, as the Slack client does. */
  setValue(viewId: string, blockId: string, actionId: string, value: ViewStateValue): void;
  /** Closes the top view (user pressed Close, or an empty submission ack). */
  pop(key: UserKey): ViewOutput | undefined;
  /** Closes every view of the person. */
  clear(key: UserKey): ViewOutput[];
  reset(): void;
}

export interface ViewStoreOptions {
  ids: IdFactory;
  appId: string;
  botId: string;
}

/** Creates the view store. */
export function createViewStore({ ids, appId, botId }: ViewStoreOptions): ViewStore {
  const records = new Map<string, { view: ViewOutput; userKey: UserKey; open: boolean }>();
  const stacks = new Map<UserKey, string[]>();

  const viewOf = (id: string): ViewOutput | undefined => records.get(id)?.view;
  const stackIds = (key: UserKey): string[] => stacks.get(key) ?? [];
  const create = (key: UserKey, raw: JsonObject, root: string | undefined, previous: string | null) => {
    const id = ids.viewId();
    const identity = {
      id,
      teamId: teamOf(key),
      appId,
      botId,
      rootViewId: root ?? id,
      previousViewId: previous,
    };
    const view = buildView(raw, identity, ids.viewHash(), {}, ids);
    records.set(id, { view, userKey: key, open: true });
    return view;
  };
  const closeIds = (closing: string[]): ViewOutput[] =>
    closing.flatMap((id) => {
      const record = records.get(id);
      if (record === undefined) return [];
      record.open = false;
      return [record.view];
    });

  return {
    stackOf: (key) => stackIds(key).flatMap((id) => viewOf(id) ?? []),
    top: (key) => {
      const id = stackIds(key).at(-1);
      return id === undefined ? undefined : viewOf(id);
    },
    byId: (viewId) => records.get(viewId),
    byExternalId: (externalId) =>
      [...records.values()].find((r) => r.open && r.view.external_id === externalId)?.view,
    all: () => [...records.values()],
    open: (key, raw) => {
      closeIds(stackIds(key));
      const view = create(key, raw, undefined, null);
      stacks.set(key, [view.id]);
      return view;
    },
    push: (key, raw) => {
      const stack = stackIds(key);
      const rootId = stack[0];
      const topId = stack.at(-1);
      if (rootId === undefined || topId === undefined || stack.length >= MAX_VIEW_STACK) return undefined;
      const view = create(key, raw, rootId, topId);
      stacks.set(key, [...stack, view.id]);
      return view;
    },
    update: (viewId, raw) => {
      const record = records.get(viewId);
      if (record === undefined) return undefined;
      const next = buildView(raw, identityOf(record.view), ids.viewHash(), {}, ids);
      next.state = { values: preservedState(record.view.state.values, next.blocks) };
      record.view = next;
      return next;
    },
    setValue: (viewId, blockId, actionId, value) => {
      const view = viewOf(viewId);
      if (view === undefined) return;
      view.state.values[blockId] = { ...view.state.values[blockId], [actionId]: value };
    },
    pop: (key) => {
      const stack = stackIds(key);
      const closing = stack.slice(-1);
      stacks.set(key, stack.slice(0, -1));
      return closeIds(closing)[0];
    },
    clear: (key) => {
      const closing = stackIds(key);
      stacks.delete(key);
      return closeIds(closing);
    },
    reset: () => {
      records.clear();
      stacks.clear();
    },
  };
}
