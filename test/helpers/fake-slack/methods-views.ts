import { type ApiContext, errorsIn, fail, type MethodHandler } from './api-context.ts';
import { VIEW_TOO_LARGE, validateView } from './block-kit-limits.ts';
import { field, get, type JsonObject, objectOf } from './json.ts';
import type { UserKey } from './user-key.ts';

/** Validates the `view` argument; records violations; returns a failure answer or the view. */
function checkedView(method: string, args: JsonObject, ctx: ApiContext): JsonObject {
  const view = objectOf(get(args, 'view'));
  if (view === undefined) return fail('invalid_arguments', ['[ERROR] missing required field: view']);
  const problems = validateView(view);
  ctx.recorder.violate(method, problems);
  const errors = errorsIn(problems);
  if (errors.length === 0) return { ok: true, view };
  return fail(errors.some((m) => m.includes(VIEW_TOO_LARGE)) ? VIEW_TOO_LARGE : 'invalid_arguments', errors);
}

/** Exchanges the `trigger_id` argument for the person it was issued to, or a failure answer. */
function triggerOwner(args: JsonObject, ctx: ApiContext): { key: UserKey } | { failure: JsonObject } {
  const triggerId = field(args, 'trigger_id');
  if (triggerId === undefined)
    return { failure: fail('invalid_arguments', ['[ERROR] missing required field: trigger_id']) };
  const use = ctx.triggers.use(triggerId);
  if (use.ok) return { key: use.userKey };
  if (use.error === 'expired_trigger_id') return { failure: fail('expired_trigger_id') };
  return { failure: fail('invalid_arguments', ['[ERROR] invalid `trigger_id` [json-pointer:/trigger_id]']) };
}

const viewsOpen: MethodHandler = (args, ctx) => {
  const checked = checkedView('views.open', args, ctx);
  const view = objectOf(get(checked, 'view'));
  if (view === undefined) return checked;
  const owner = triggerOwner(args, ctx);
  if ('failure' in owner) return owner.failure;
  const externalId = field(view, 'external_id');
  if (externalId !== undefined && ctx.views.byExternalId(externalId) !== undefined)
    return fail('duplicate_external_id');
  return { ok: true, view: ctx.views.open(owner.key, view) };
};

const viewsPush: MethodHandler = (args, ctx) => {
  const checked = checkedView('views.push', args, ctx);
  const view = objectOf(get(checked, 'view'));
  if (view === undefined) return checked;
  const owner = triggerOwner(args, ctx);
  if ('failure' in owner) return owner.failure;
  if (ctx.views.stackOf(owner.key).length === 0) {
    const message = '[ERROR] no open modal to push onto (use views.open) [json-pointer:/trigger_id]';
    ctx.recorder.violate('views.push', [message]);
    return fail('invalid_arguments', [message]);
  }
  const pushed = ctx.views.push(owner.key, view);
  return pushed === undefined ? fail('push_limit_reached') : { ok: true, view: pushed };
};

const viewsUpdate: MethodHandler = (args, ctx) => {
  const viewId = field(args, 'view_id');
  const externalId = field(args, 'external_id');
  if (viewId === undefined && externalId === undefined) {
    return fail('invalid_arguments', ['[ERROR] either view_id or external_id is required']);
  }
  const record =
    viewId !== undefined
      ? ctx.views.byId(viewId)
      : ctx.views.all().find((r) => r.open && r.view.external_id === externalId);
  if (record === undefined || !record.open) return fail('not_found');
  const hash = field(args, 'hash');
  if (hash !== undefined && hash !== record.view.hash) return fail('hash_conflict');
  const checked = checkedView('views.update', args, ctx);
  const view = objectOf(get(checked, 'view'));
  if (view === undefined) return checked;
  const updated = ctx.views.update(record.view.id, view);
  return updated === undefined ? fail('not_found') : { ok: true, view: updated };
};

const viewsPublish: MethodHandler = (args, ctx) => {
  const userId = field(args, 'user_id');
  if (userId === undefined) return fail('invalid_arguments', ['[ERROR] missing required field: user_id']);
  const checked = checkedView('views.publish', args, ctx);
  const view = objectOf(get(checked, 'view'));
  if (view === undefined) return checked;
  if (field(view, 'type') !== 'home')
    return fail('invalid_arguments', ['[ERROR] views.publish takes a home view']);
  ctx.homes.set(userId, view);
  ctx.recorder.changed();
  return { ok: true, view: { ...view, id: `VHOME${userId}` } };
};

/** views.open / views.push / views.update / views.publish with Slack's trigger, stack, hash and limit rules. */
export const viewMethods: Readonly<Record<string, MethodHandler>> = {
  'views.open': viewsOpen,
  'views.push': viewsPush,
  'views.update': viewsUpdate,
  'views.publish': viewsPublish,
};
