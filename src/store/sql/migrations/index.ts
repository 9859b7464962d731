import type { Migration } from 'kysely';
import * as core from './0001-core.ts';
import * as alertActions from './0002-alert-actions.ts';
import * as teamControls from './0100-team-controls.ts';
import * as autoReload from './0101-auto-reload.ts';

/**
 * Every migration by name; they run in name order, once per database. A later feature adds its file
 * with a name that sorts after the ones here (e.g. `0100-team-controls`) and one line below.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-core': core,
  '0002-alert-actions': alertActions,
  '0100-team-controls': teamControls,
  '0101-auto-reload': autoReload,
};
