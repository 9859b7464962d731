import type { types, ViewOutput } from '@slack/bolt';
import type { IdFactory } from './ids.ts';
import { arrayOf, child, field, get, type JsonObject, objectOf } from './json.ts';
import type { StateValues } from './view-state.ts';

/** Ids a stored view keeps across updates. */
export interface ViewIdentity {
  id: string;
  teamId: string;
  appId: string;
  botId: string;
  rootViewId: string | null;
  previousViewId: string | null;
}

type Block = types.Block;

/**
 * Copies blocks and fills in missing `block_id`/`action_id` with generated ones, as Slack does
 * (so a view built without ids loses typed input on every update — exactly Slack's behaviour).
 */
export function normalizeBlocks(blocks: readonly unknown[], ids: IdFactory): Block[] {
  return blocks.flatMap((raw): Block[] => {
    const block = objectOf(raw);
    if (block === undefined) return [];
    const withIds = (el: unknown): unknown => {
      const obj = objectOf(el);
      return obj === undefined || field(obj, 'action_id') !== undefined
        ? el
        : { ...obj, action_id: ids.token() };
    };
    const elements = get(block, 'elements');
    const accessory = get(block, 'accessory');
    const element = get(block, 'element');
    return [
      {
        ...block,
        ...(Array.isArray(elements) && field(block, 'type') === 'actions'
          ? { elements: elements.map(withIds) }
          : {}),
        ...(accessory === undefined ? {} : { accessory: withIds(accessory) }),
        ...(element === undefined ? {} : { element: withIds(element) }),
        type: field(block, 'type') ?? 'unknown',
        block_id: field(block, 'block_id') ?? ids.token(),
      },
    ];
  });
}

function plainText(obj: JsonObject | undefined): { type: 'plain_text'; text: string; emoji: boolean } | null {
  const text = field(obj, 'text');
  return text === undefined ? null : { type: 'plain_text', text, emoji: true };
}

/** Builds the stored view (the shape views.* return and payloads carry) from a validated view argument. */
export function buildView(
  raw: JsonObject,
  identity: ViewIdentity,
  hash: string,
  state: StateValues,
  ids: IdFactory,
): ViewOutput {
  const externalId = field(raw, 'external_id');
  return {
    id: identity.id,
    team_id: identity.teamId,
    app_installed_team_id: identity.teamId,
    app_id: identity.appId,
    bot_id: identity.botId,
    type: field(raw, 'type') ?? 'modal',
    title: plainText(child(raw, 'title')) ?? { type: 'plain_text', text: '' },
    submit: plainText(child(raw, 'submit')),
    close: plainText(child(raw, 'close')),
    blocks: normalizeBlocks(arrayOf(get(raw, 'blocks')), ids),
    private_metadata: field(raw, 'private_metadata') ?? '',
    callback_id: field(raw, 'callback_id') ?? '',
    state: { values: state },
    hash,
    clear_on_close: get(raw, 'clear_on_close') === true,
    notify_on_close: get(raw, 'notify_on_close') === true,
    root_view_id: identity.rootViewId,
    previous_view_id: identity.previousViewId,
    ...(externalId === undefined ? {} : { external_id: externalId }),
  };
}

/** The identity of an existing view (to rebuild it on update). */
export function identityOf(view: ViewOutput): ViewIdentity {
  return {
    id: view.id,
    teamId: view.team_id,
    appId: view.app_id ?? '',
    botId: view.bot_id,
    rootViewId: view.root_view_id,
    previousViewId: view.previous_view_id,
  };
}
