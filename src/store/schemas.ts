import { z } from 'zod';
import { StoreError } from './errors.ts';
import type {
  AccountGuard,
  AlertSubscription,
  ApprovalRequest,
  AuditRecord,
  PurchaseRecord,
  RememberedCredentials,
  TeamSettings,
} from './types.ts';

// Every record read from disk passes one of these before anyone sees it (parse, don't guess).

const id = z.string().min(1);
const mils = z.number().int().safe();

export const RememberedCredentialsSchema: z.ZodType<RememberedCredentials> = z.object({
  accountId: id,
  passPhrase: z.string(),
  savedAt: z.string(),
  monitorBlockedAt: z.string().nullable(),
});

export const AlertSubscriptionSchema: z.ZodType<AlertSubscription> = z.object({
  teamId: id,
  channelId: id,
  ownerUserId: id,
  accountId: id,
  thresholdMils: mils,
  state: z.enum(['armed', 'alerted']),
  alertMessageTs: z.string().nullable(),
  lastBalanceMils: mils.nullable(),
  lastCheckedAt: z.string().nullable(),
  createdAt: z.string(),
  acknowledgedBy: z.string().nullable().optional(),
  acknowledgedAt: z.string().nullable().optional(),
  snoozedBy: z.string().nullable().optional(),
  snoozedUntil: z.string().nullable().optional(),
  alertedAt: z.string().nullable().optional(),
  escalatedAt: z.string().nullable().optional(),
  runwayWarningDays: z.number().int().positive().nullable().optional(),
  runwayState: z.enum(['armed', 'warned']).optional(),
  runwayAlertTs: z.string().nullable().optional(),
  reloadAmountMils: mils.nullable().optional(),
  reloadsPerDay: z.number().int().positive().nullable().optional(),
  escalateAfterHours: z.number().int().positive().nullable().optional(),
  escalateTo: z.array(id).nullable().optional(),
  digestWeekday: z.number().int().min(1).max(7).nullable().optional(),
  digestHour: z.number().int().min(0).max(23).nullable().optional(),
  digestTimeZone: z.string().nullable().optional(),
  reloadOnAt: z.string().nullable().optional(),
  reloadOnBy: z.string().nullable().optional(),
  reloadOffReason: z.string().nullable().optional(),
  reloadNote: z.string().nullable().optional(),
});

export const PurchaseRecordSchema: z.ZodType<PurchaseRecord> = z.object({
  requestId: id,
  teamId: id,
  userId: id,
  accountId: id,
  amountMils: mils,
  balanceBeforeMils: mils.nullable(),
  balanceAfterMils: mils.nullable(),
  transactionId: z.string().nullable(),
  message: z.string().nullable(),
  state: z.enum(['pending', 'confirmed', 'failed', 'unconfirmed']),
  channelId: z.string().nullable(),
  viewId: z.string().nullable().optional(),
  ownerInstance: z.string().nullable().optional(),
  receipt: z.object({ channelId: z.string(), ts: z.string() }).nullable().optional(),
  recheckClosedAt: z.string().nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const AccountGuardSchema: z.ZodType<AccountGuard> = z.object({
  teamId: id,
  accountId: id,
  refusals: z.number().int().min(0),
  blockedAt: z.string().nullable(),
  heldUntil: z.string().nullable(),
  attemptSince: z.string().nullable(),
  updatedAt: z.string(),
});

export const TeamSettingsSchema: z.ZodType<TeamSettings> = z.object({
  teamId: id,
  approvalAboveMils: mils.nullable(),
  approverIds: z.array(id),
  approvalsChannelId: id.nullable(),
  dailyLimitMils: mils.nullable(),
  monthlyLimitMils: mils.nullable(),
  buyerIds: z.array(id),
  postageAdminIds: z.array(id),
  updatedBy: id.nullable(),
  updatedAt: z.string().nullable(),
});

export const ApprovalRequestSchema: z.ZodType<ApprovalRequest> = z.object({
  requestId: id,
  teamId: id,
  requesterId: id,
  accountId: id,
  amountMils: mils,
  balanceMils: mils.nullable(),
  channelId: id,
  messageTs: z.string().nullable(),
  originChannelId: z.string().nullable(),
  state: z.enum(['pending', 'approved', 'denied', 'cancelled', 'expired']),
  decidedBy: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const AuditRecordSchema: z.ZodType<AuditRecord> = z.object({
  id: id,
  teamId: id,
  kind: z.enum(['purchase', 'approval-request', 'approval-decision', 'limit-refusal', 'settings-change']),
  actorId: id,
  subjectId: z.string().nullable(),
  accountId: z.string().nullable(),
  amountMils: mils.nullable(),
  transactionId: z.string().nullable(),
  detail: z.string(),
  at: z.string(),
});

/**
 * `value` if it matches `schema`, so a bad write fails now rather than reading back as "unreadable".
 * @throws StoreError `STORE_BAD_VALUE` naming the offending fields (never their values).
 */
export function checked<T>(schema: z.ZodType<T>, value: T, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || '(root)'))];
  throw new StoreError('STORE_BAD_VALUE', `invalid ${what}: ${fields.join(', ')}`);
}
