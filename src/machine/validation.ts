import * as z from 'zod';
import { parseAmount } from './amount.ts';
import type { FieldName } from './field-name.ts';

// Slack reports an empty text input as null; every field treats null/undefined as ''.
const text = <T extends z.ZodType>(schema: T) => z.preprocess((value) => value ?? '', schema);

/** Endicia account number: digits only after trimming, at most 12. */
export const accountIdSchema = z
  .string()
  .trim()
  .min(1, 'Enter the account number.')
  .max(12, 'An account number has at most 12 digits.')
  .regex(/^\d+$/, 'Account number is digits only (for example 2500001).');

/**
 * At most `max` characters as Endicia counts them: .NET strings, UTF-16 code units (JavaScript's
 * `length`). zod's own `.max` counts code points, so 40 emoji (80 units) would pass it.
 */
const units = (min: number, max: number, message: string) =>
  z.string().refine((value) => value.length >= min && value.length <= max, message);

const EMOJI_NOTE = ' (as Endicia counts them: an emoji or other symbol may count as 2)';

/** A pass phrase as Endicia accepts it for a login: 1–64 characters, kept exactly as typed. */
export const passPhraseSchema = z
  .string()
  .min(1, 'Enter the pass phrase.')
  .pipe(units(1, 64, `A pass phrase is at most 64 characters${EMOJI_NOTE}.`));

/** A new pass phrase (endicia-els.md §5.1): 5–64 characters. */
export const newPassPhraseSchema = units(5, 64, `A pass phrase is 5 to 64 characters${EMOJI_NOTE}.`);

/**
 * The Endicia Account page. An empty pass phrase becomes null, meaning "use the remembered one";
 * the machine answers that on the passPhrase field when nothing is remembered for the account.
 */
export const loginFormSchema = z.object({
  accountId: text(accountIdSchema),
  passPhrase: text(units(0, 64, `A pass phrase is at most 64 characters${EMOJI_NOTE}.`)).transform((value) =>
    value === '' ? null : value,
  ),
  remember: z.boolean(),
  reveal: z.boolean(),
});

const amountForms = new Map<number, ReturnType<typeof buildAmountFormSchema>>();

/**
 * The Postage Details page: Postage to Add → whole cents. One schema per limit, built once: zod compiles
 * an object schema on its first parse, and a fresh one per submission showed in burst profiles (issue 17).
 */
export function amountFormSchema(maxPurchaseCents: number) {
  let schema = amountForms.get(maxPurchaseCents);
  if (schema === undefined) {
    schema = buildAmountFormSchema(maxPurchaseCents);
    amountForms.set(maxPurchaseCents, schema);
  }
  return schema;
}

function buildAmountFormSchema(maxPurchaseCents: number) {
  const amount = z.string().transform((value, ctx) => {
    const result = parseAmount(value, { maxPurchaseCents });
    if (result.ok) return result.cents;
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  });
  return z.object({ amount: text(amount) }).transform(({ amount: cents }) => ({ amountCents: cents }));
}

/** What a CHANGE event must satisfy (the form without the repeated new pass phrase). */
export const changeEventSchema = z
  .object({
    accountId: accountIdSchema,
    currentPassPhrase: passPhraseSchema,
    newPassPhrase: newPassPhraseSchema,
  })
  .superRefine((value, ctx) => {
    if (value.newPassPhrase === value.currentPassPhrase) {
      ctx.addIssue({
        code: 'custom',
        message: 'The new pass phrase must differ from the current one.',
        path: ['newPassPhrase'],
      });
    }
  });

/** The Change Pass Phrase form: current, new and new again (which must match). */
export const changeFormSchema = z
  .object({
    accountId: text(accountIdSchema),
    currentPassPhrase: text(passPhraseSchema),
    newPassPhrase: text(newPassPhraseSchema),
    confirmPassPhrase: text(z.string()),
  })
  .superRefine((value, ctx) => {
    if (value.confirmPassPhrase !== value.newPassPhrase) {
      ctx.addIssue({
        code: 'custom',
        message: 'The new pass phrases do not match.',
        path: ['confirmPassPhrase'],
      });
    }
    if (value.newPassPhrase === value.currentPassPhrase) {
      ctx.addIssue({
        code: 'custom',
        message: 'The new pass phrase must differ from the current one.',
        path: ['newPassPhrase'],
      });
    }
  })
  .transform(({ accountId, currentPassPhrase, newPassPhrase }) => ({
    accountId,
    currentPassPhrase,
    newPassPhrase,
  }));

/** Per-field messages of a failed parse. */
export type FieldErrors = Partial<Record<FieldName, string>>;

const FIELD_NAMES: ReadonlySet<string> = new Set<FieldName>([
  'accountId',
  'passPhrase',
  'amount',
  'currentPassPhrase',
  'newPassPhrase',
  'confirmPassPhrase',
]);

/** The first message for each form field; issues on other paths (a bot bug, not user input) are left out. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path[0];
    if (typeof key === 'string' && FIELD_NAMES.has(key)) {
      const field = key as FieldName;
      errors[field] ??= issue.message;
    }
  }
  return errors;
}

/**
 * Parses a form with one of the schemas above. Messages never quote the input, so they are safe for
 * pass-phrase fields too.
 */
export function parseForm<T extends z.ZodType>(
  schema: T,
  raw: unknown,
): { ok: true; value: z.output<T> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(raw);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: fieldErrors(result.error) };
}
