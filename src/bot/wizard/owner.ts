import type { WizardSnapshot } from '../../machine/index.ts';

/** Who sent an interaction, as Slack's payloads name them. */
export interface Interactor {
  team?: { id: string } | null;
  user: { id: string; team_id?: string };
}

/** The workspace of an interaction (`team.id`, else the user's `team_id`), or '' when Slack sent neither. */
export function teamOf(body: Interactor): string {
  return body.team?.id ?? body.user.team_id ?? '';
}

/**
 * A session belongs to the person who opened it, in the workspace they opened it in: a user id alone
 * is not unique across workspaces. Anything else is treated as if the session were gone.
 */
export function isOwner(snapshot: WizardSnapshot, body: Interactor): boolean {
  return snapshot.context.userId === body.user.id && snapshot.context.teamId === teamOf(body);
}
