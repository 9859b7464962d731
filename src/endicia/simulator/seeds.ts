import { z } from 'zod';
import { parseDecimal } from '../../lib/money.ts';
import { DEMO_ACCOUNTS } from './demo-accounts.ts';
import { SimulatorAccountsError } from './errors.ts';
import type { SimAccountSeed } from './types.ts';

const decimal = z
  .string()
  .refine((text) => parseDecimal(text) !== undefined, 'must be a plain decimal like "120.50"');

const seedsSchema = z.array(
  z.strictObject({
    accountId: z.string().regex(/^\d{1,10}$/, 'must be digits'),
    // UTF-16 units, as .NET counts (zod's max counts code points).
    passPhrase: z.string().refine((value) => value.length >= 1 && value.length <= 64),
    balance: decimal,
    maxPurchase: decimal.optional(),
    maxBalance: decimal.optional(),
    status: z.enum(['active', 'suspended', 'closed']).optional(),
    needsReset: z.boolean().optional(),
    paymentState: z.enum(['ok', 'declined', 'expired', 'unavailable']).optional(),
  }),
);

type ParsedSeed = z.output<typeof seedsSchema>[number];

// exactOptionalPropertyTypes: copy only the keys that were given.
function toSeed(parsed: ParsedSeed): SimAccountSeed {
  const { maxPurchase, maxBalance, status, needsReset, paymentState } = parsed;
  return {
    accountId: parsed.accountId,
    passPhrase: parsed.passPhrase,
    balance: parsed.balance,
    ...(maxPurchase === undefined ? {} : { maxPurchase }),
    ...(maxBalance === undefined ? {} : { maxBalance }),
    ...(status === undefined ? {} : { status }),
    ...(needsReset === undefined ? {} : { needsReset }),
    ...(paymentState === undefined ? {} : { paymentState }),
  };
}

/**
 * `ENDICIA_SIMULATOR_ACCOUNTS` (a JSON array of `{accountId, passPhrase, balance}` plus the optional
 * SimAccountSeed fields), or DEMO_ACCOUNTS when unset or empty.
 * @throws SimulatorAccountsError (`SIMULATOR_ACCOUNTS_INVALID`) naming paths and rules, never a value.
 */
export function parseSimulatorAccounts(text: string | null | undefined): readonly SimAccountSeed[] {
  if (text === undefined || text === null || text.trim() === '') return DEMO_ACCOUNTS;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SimulatorAccountsError(
      'ENDICIA_SIMULATOR_ACCOUNTS is not valid JSON (expected an array of {accountId, passPhrase, balance})',
    );
  }
  const parsed = seedsSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new SimulatorAccountsError(`ENDICIA_SIMULATOR_ACCOUNTS is invalid: ${problems.join('; ')}`);
  }
  const ids = parsed.data.map((seed) => seed.accountId);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate !== undefined) {
    throw new SimulatorAccountsError(`ENDICIA_SIMULATOR_ACCOUNTS lists account ${duplicate} twice`);
  }
  return parsed.data.map(toSeed);
}
