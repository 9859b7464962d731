import type { EncryptedRecords } from './encrypted-records.ts';
import { checked, TeamSettingsSchema } from './schemas.ts';
import type { SettingsStore } from './types.ts';

/** One sealed record per workspace at `settings:<team>` (the SQL store gives it a table). */
export function createSettingsStore(records: EncryptedRecords): SettingsStore {
  return {
    get: (teamId) => records.get('settings', [teamId], TeamSettingsSchema),
    put: (settings) =>
      records.set('settings', [settings.teamId], checked(TeamSettingsSchema, settings, 'team settings')),
  };
}
