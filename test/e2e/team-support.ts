import type { ViewOutput } from '@slack/bolt';
import { expect } from 'vitest';
import type { Harness } from '../helpers/bot-harness.ts';
import type { SlackUser } from '../helpers/fake-slack/index.ts';

/* Shared steps of the team-controls suites: the settings modal as an admin fills it. */

export interface SettingsInput {
  approvalAbove?: string;
  approvers?: string[];
  approvalsChannel?: string;
  dailyLimit?: string;
  monthlyLimit?: string;
  buyers?: string[];
  postageAdmins?: string[];
}

/** `/postage settings` and the modal it opens. */
export async function settingsModal(admin: SlackUser): Promise<ViewOutput> {
  const opened = await admin.command('/postage', 'settings');
  expect(opened.status).toBe(200);
  expect(opened.body).toBeUndefined();
  return admin.waitForView((view) => view.callback_id === 'postage_settings');
}

/** Opens the settings, types `input` (leaving other fields as they are) and saves without errors. */
export async function saveSettings(
  h: Pick<Harness, 'fake'>,
  admin: SlackUser,
  input: SettingsInput,
): Promise<void> {
  await settingsModal(admin);
  const text: Array<[string, string | undefined]> = [
    ['approval_above', input.approvalAbove],
    ['daily_limit', input.dailyLimit],
    ['monthly_limit', input.monthlyLimit],
    ['approvals_channel', input.approvalsChannel],
  ];
  for (const [id, value] of text) if (value !== undefined) admin.fill(id, id, value);
  const users: Array<[string, string[] | undefined]> = [
    ['approvers', input.approvers],
    ['buyers', input.buyers],
    ['postage_admins', input.postageAdmins],
  ];
  for (const [id, value] of users) if (value !== undefined) admin.check(id, id, value);
  const saved = await admin.submit();
  expect(admin.lastErrors).toBeUndefined();
  expect(saved.response).toBeUndefined();
  expect(h.fake.views.top(admin.key)).toBeUndefined();
}

/** Messages the app sent `userId` by DM (conversations.open, then chat.postMessage), oldest first. */
export function dmsTo(h: Pick<Harness, 'fake'>, userId: string): string[] {
  const channels = new Set(
    h.fake
      .callsTo('conversations.open')
      .filter((call) => call.args['users'] === userId)
      .map((call) => String((call.response['channel'] as { id?: string } | undefined)?.id)),
  );
  return [...channels].flatMap((channel) => h.fake.messagesIn(channel).map((m) => m.text ?? ''));
}
