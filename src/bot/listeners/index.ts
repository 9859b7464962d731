import type { App } from '@slack/bolt';
import { registerApprovalActions } from '../approvals/approval-actions.ts';
import type { Background } from '../background.ts';
import { registerPostageCommand } from '../commands/postage.ts';
import type { BotDeps } from '../deps.ts';
import { registerHome } from '../home/home-listeners.ts';
import { registerSettingsSubmission } from '../settings/settings-submission.ts';
import { registerAlertSettingsView } from './alert-settings.ts';
import { registerBlockActions } from './block-actions.ts';
import { registerReloadConfirmView } from './reload-confirm.ts';
import { registerViewClosed } from './view-closed.ts';
import { registerViewSubmission } from './view-submission.ts';

/** Every listener the app has. */
export function registerListeners(app: App, deps: BotDeps, background: Background): void {
  registerPostageCommand(app, deps, background);
  registerViewSubmission(app, deps, background);
  registerBlockActions(app, deps, background);
  registerViewClosed(app, deps, background);
  registerAlertSettingsView(app, deps, background);
  registerReloadConfirmView(app, deps, background);
  registerSettingsSubmission(app, deps, background);
  registerApprovalActions(app, deps, background);
  registerHome(app, deps, background);
}
