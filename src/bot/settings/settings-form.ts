import { parseTypedDollars, TYPED_DOLLARS_EXAMPLE } from '../../lib/money.ts';
import type { TeamSettings } from '../../store/index.ts';
import type { BlockErrors } from '../forms/index.ts';
import type { StateValues } from '../forms/state-values.ts';
import { textValue } from '../forms/state-values.ts';
import { SETTINGS_BLOCKS as B } from './settings-ids.ts';

/** What a settings submission says: the new settings (not yet stamped), or errors under the inputs. */
export type SettingsFormResult =
  | { ok: true; fields: Omit<TeamSettings, 'teamId' | 'updatedBy' | 'updatedAt'> }
  | { ok: false; errors: BlockErrors };

// The largest amount any of these may be (far above any sane limit; keeps sums exact).
const MAX_MILS = 100_000_000_000;

function users(values: StateValues, id: string): string[] {
  const selected = values[id]?.[id]?.selected_users;
  return Array.isArray(selected)
    ? [...new Set(selected.filter((u): u is string => typeof u === 'string'))]
    : [];
}

function channel(values: StateValues, id: string): string | null {
  const state = values[id]?.[id];
  const picked = state?.selected_conversation ?? state?.selected_channel;
  return typeof picked === 'string' && picked !== '' ? picked : null;
}

/** An optional amount in dollars: null when empty, else positive mils, else the sentence for the field. */
function amount(values: StateValues, id: string): { mils: number | null } | { error: string } {
  const text = textValue(values, id, id)?.trim() ?? '';
  if (text === '') return { mils: null };
  const typed = parseTypedDollars(text);
  if (!typed.ok || typed.mils <= 0)
    return { error: `Enter an amount in dollars, like ${TYPED_DOLLARS_EXAMPLE}, or leave it empty.` };
  if (typed.mils % 10 !== 0) return { error: 'Use at most two decimals (cents), like 25.50.' };
  if (typed.mils > MAX_MILS) return { error: 'That is more than this setting can hold.' };
  return { mils: typed.mils };
}

/** Reads the settings modal: every problem at its own input, like every other form. */
export function parseSettingsForm(values: StateValues): SettingsFormResult {
  const errors: BlockErrors = {};
  const read = (id: string): number | null => {
    const result = amount(values, id);
    if ('error' in result) {
      errors[id] = result.error;
      return null;
    }
    return result.mils;
  };
  const approvalAboveMils = read(B.approvalAbove);
  const dailyLimitMils = read(B.dailyLimit);
  const monthlyLimitMils = read(B.monthlyLimit);
  const approverIds = users(values, B.approvers);
  const approvalsChannelId = channel(values, B.approvalsChannel);
  if (approvalAboveMils !== null && approverIds.length === 0)
    errors[B.approvers] = 'Name at least one approver, or leave Approval above empty.';
  if (approvalAboveMils !== null && approvalsChannelId === null)
    errors[B.approvalsChannel] = 'Pick the channel requests are posted to, or leave Approval above empty.';
  if (dailyLimitMils !== null && monthlyLimitMils !== null && dailyLimitMils > monthlyLimitMils)
    errors[B.dailyLimit] = 'The daily limit per person cannot be above the monthly limit.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    fields: {
      approvalAboveMils,
      approverIds,
      approvalsChannelId,
      dailyLimitMils,
      monthlyLimitMils,
      buyerIds: users(values, B.buyers),
      postageAdminIds: users(values, B.postageAdmins),
    },
  };
}
