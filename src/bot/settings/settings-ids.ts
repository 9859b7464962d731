/** The settings modal's callback_id (not a wizard page: its own listener). */
export const SETTINGS_CALLBACK_ID = 'postage_settings';

/** Input block ids (= action ids) of the settings modal; errors are keyed by them. */
export const SETTINGS_BLOCKS = {
  approvalAbove: 'approval_above',
  approvers: 'approvers',
  approvalsChannel: 'approvals_channel',
  dailyLimit: 'daily_limit',
  monthlyLimit: 'monthly_limit',
  buyers: 'buyers',
  postageAdmins: 'postage_admins',
} as const;

/** The labels product.md fixes (tests and docs rely on them). */
export const SETTINGS_LABELS = {
  approvalAbove: 'Approval above',
  approvers: 'Approvers',
  approvalsChannel: 'Approvals channel',
  dailyLimit: 'Daily limit per person',
  monthlyLimit: 'Monthly limit',
  buyers: 'Buyers',
  postageAdmins: 'Postage admins',
} as const;
