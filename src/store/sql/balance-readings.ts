import { z } from 'zod';
import { checked } from '../schemas.ts';
import type { BalanceReadingStore, StoredBalanceReading } from '../types.ts';
import type { SqlRunner } from './run.ts';

const ReadingSchema: z.ZodType<StoredBalanceReading> = z.object({
  teamId: z.string().min(1),
  accountId: z.string().min(1),
  balanceMils: z.number().int().safe(),
  readAt: z.string().min(1),
  source: z.enum(['login', 'purchase', 'sweep', 'command', 'recheck', 'recovery']),
});

/** Every balance the bot reads, one row each, indexed by workspace, account and time. */
export function createSqlBalanceReadingStore(sql: SqlRunner): BalanceReadingStore {
  return {
    async add(value) {
      const reading = checked(ReadingSchema, value, 'balance reading');
      await sql.write('balance reading write', (db) =>
        db
          .insertInto('balance_readings')
          .values({
            team_id: reading.teamId,
            account_id: reading.accountId,
            balance_mils: reading.balanceMils,
            read_at: reading.readAt,
            source: reading.source,
          })
          .execute(),
      );
    },
    listSince: (teamId, accountId, since) =>
      sql.read('balance reading list', async (db) =>
        (
          await db
            .selectFrom('balance_readings')
            .selectAll()
            .where('team_id', '=', teamId)
            .where('account_id', '=', accountId)
            .where('read_at', '>=', since)
            .orderBy('read_at')
            .orderBy('id')
            .execute()
        ).map((row) => ({
          teamId: row.team_id,
          accountId: row.account_id,
          balanceMils: row.balance_mils,
          readAt: row.read_at,
          source: row.source as StoredBalanceReading['source'],
        })),
      ),
  };
}
