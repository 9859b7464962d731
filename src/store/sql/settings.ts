import { z } from 'zod';
import { StoreError } from '../errors.ts';
import { checked, TeamSettingsSchema } from '../schemas.ts';
import type { SettingsStore, TeamSettings } from '../types.ts';
import type { SqlRunner } from './run.ts';

const Ids = z.array(z.string().min(1));
const ids = (text: string): string[] => {
  const parsed = Ids.safeParse(JSON.parse(text));
  if (!parsed.success) throw new StoreError('STORE_UNREADABLE', 'the team settings cannot be read');
  return parsed.data;
};

/** Workspace settings, one row per workspace; user lists as JSON arrays (read whole, never queried). */
export function createSqlSettingsStore(sql: SqlRunner): SettingsStore {
  return {
    get: (teamId) =>
      sql.read('settings read', async (db) => {
        const row = await db
          .selectFrom('team_settings')
          .selectAll()
          .where('team_id', '=', teamId)
          .executeTakeFirst();
        if (row === undefined) return undefined;
        const settings = TeamSettingsSchema.safeParse({
          teamId: row.team_id,
          approvalAboveMils: row.approval_above_mils,
          approverIds: ids(row.approver_ids),
          approvalsChannelId: row.approvals_channel_id,
          dailyLimitMils: row.daily_limit_mils,
          monthlyLimitMils: row.monthly_limit_mils,
          buyerIds: ids(row.buyer_ids),
          postageAdminIds: ids(row.postage_admin_ids),
          updatedBy: row.updated_by,
          updatedAt: row.updated_at,
        } satisfies TeamSettings);
        if (!settings.success) throw new StoreError('STORE_UNREADABLE', 'the team settings cannot be read');
        return settings.data;
      }),
    async put(value) {
      const s = checked(TeamSettingsSchema, value, 'team settings');
      const columns = {
        approval_above_mils: s.approvalAboveMils,
        approver_ids: JSON.stringify(s.approverIds),
        approvals_channel_id: s.approvalsChannelId,
        daily_limit_mils: s.dailyLimitMils,
        monthly_limit_mils: s.monthlyLimitMils,
        buyer_ids: JSON.stringify(s.buyerIds),
        postage_admin_ids: JSON.stringify(s.postageAdminIds),
        updated_by: s.updatedBy,
        updated_at: s.updatedAt,
      };
      await sql.write('settings write', (db) =>
        db
          .insertInto('team_settings')
          .values({ team_id: s.teamId, ...columns })
          .onConflict((oc) => oc.column('team_id').doUpdateSet(columns))
          .execute(),
      );
    },
  };
}
