import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { EncryptedRecords } from '../encrypted-records.ts';
import { StoreError } from '../errors.ts';
import { ApprovalRequestSchema, checked } from '../schemas.ts';
import type { ApprovalRequest, ApprovalStore } from '../types.ts';
import type { SqlRunner } from './run.ts';
import type { ApprovalRequestsTable } from './schema.ts';

const SecretSchema = z.object({ passPhrase: z.string() });
const LIST_LIMIT = 500;

function fromRow(row: Selectable<ApprovalRequestsTable>): ApprovalRequest {
  const request = ApprovalRequestSchema.safeParse({
    requestId: row.request_id,
    teamId: row.team_id,
    requesterId: row.requester_id,
    accountId: row.account_id,
    amountMils: row.amount_mils,
    balanceMils: row.balance_mils,
    channelId: row.channel_id,
    messageTs: row.message_ts,
    originChannelId: row.origin_channel_id,
    state: row.state,
    decidedBy: row.decided_by,
    reason: row.reason,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    decidedAt: row.decided_at,
  });
  if (!request.success) throw new StoreError('STORE_UNREADABLE', 'an approval request cannot be read');
  return request.data;
}

/**
 * Approval requests as a table; the requester's pass phrase is a sealed record (`approval-secret:<id>`,
 * AES-256-GCM bound to that address) beside it, written before the row and deleted by the decision.
 * `decide` is the database's compare-and-set (`update … where state = 'pending'`): of two deciders on
 * any instances, exactly one gets the row back, and with it the pass phrase.
 */
export function createSqlApprovalStore(sql: SqlRunner, records: EncryptedRecords): ApprovalStore {
  const get = (requestId: string) =>
    sql.read('approval read', async (db) => {
      const row = await db
        .selectFrom('approval_requests')
        .selectAll()
        .where('request_id', '=', requestId)
        .executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    });
  return {
    async create(value, passPhrase) {
      const r = checked(ApprovalRequestSchema, value, 'approval request');
      // NOTE: the secret first: a row without its secret can only be decided as "not bought".
      await records.set('approval-secret', [r.requestId], { passPhrase });
      await sql.write('approval create', (db) =>
        db
          .insertInto('approval_requests')
          .values({
            request_id: r.requestId,
            team_id: r.teamId,
            requester_id: r.requesterId,
            account_id: r.accountId,
            amount_mils: r.amountMils,
            balance_mils: r.balanceMils,
            channel_id: r.channelId,
            message_ts: r.messageTs,
            origin_channel_id: r.originChannelId,
            state: r.state,
            decided_by: r.decidedBy,
            reason: r.reason,
            created_at: r.createdAt,
            expires_at: r.expiresAt,
            decided_at: r.decidedAt,
          })
          .execute(),
      );
    },
    get,
    async setMessage(requestId, messageTs) {
      await sql.write('approval message', (db) =>
        db
          .updateTable('approval_requests')
          .set({ message_ts: messageTs })
          .where('request_id', '=', requestId)
          .execute(),
      );
    },
    async decide(requestId, decision) {
      const row = await sql.write('approval decide', (db) =>
        db
          .updateTable('approval_requests')
          .set({
            state: decision.state,
            decided_by: decision.decidedBy,
            reason: decision.reason,
            decided_at: decision.at,
          })
          .where('request_id', '=', requestId)
          .where('state', '=', 'pending')
          .returningAll()
          .executeTakeFirst(),
      );
      if (row === undefined) return undefined;
      const secret = await records.get('approval-secret', [requestId], SecretSchema);
      await records.delete('approval-secret', [requestId]);
      return { request: fromRow(row), passPhrase: secret?.passPhrase ?? null };
    },
    listPending: (teamId) =>
      sql.read('approval list', async (db) =>
        (
          await db
            .selectFrom('approval_requests')
            .selectAll()
            .where('team_id', '=', teamId)
            .where('state', '=', 'pending')
            .orderBy('created_at', 'asc')
            .limit(LIST_LIMIT)
            .execute()
        ).map(fromRow),
      ),
    listExpired: (at) =>
      sql.read('approval list', async (db) =>
        (
          await db
            .selectFrom('approval_requests')
            .selectAll()
            .where('state', '=', 'pending')
            .where('expires_at', '<=', at)
            .orderBy('created_at', 'asc')
            .limit(LIST_LIMIT)
            .execute()
        ).map(fromRow),
      ),
  };
}
