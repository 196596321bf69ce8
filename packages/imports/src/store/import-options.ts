import { z } from 'zod';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import { CONSENT_CHANNELS, InputError } from '@switchboard/contacts';

/** What applies to every row of an import, besides the column mapping. */
export const importOptionsSchema = z.object({
  /** Country for phone numbers written without +country code. */
  defaultCountry: z
    .string()
    .refine(
      (c) => /^[A-Z]{2}$/.test(c) && isSupportedCountry(c),
      'must be a two-letter country code such as DE or CN',
    )
    .optional(),
  /** Tags added to every imported contact. */
  tags: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  /** Name of a static list every imported contact joins (created if it does not exist). */
  list: z.string().trim().min(1).max(200).optional(),
  /** Consent the people in the file gave, recorded with this import as its proof. */
  consent: z
    .object({
      channel: z.enum(CONSENT_CHANNELS),
      topic: z.string().trim().max(100).default(''),
      status: z.enum(['opted_in', 'opted_out']),
      wordingVersion: z.string().trim().max(100).optional(),
      text: z.string().trim().max(2000).optional(),
    })
    .optional(),
});
export type ImportOptionsInput = z.input<typeof importOptionsSchema>;

/** Options as stored on the import, with the static list resolved to its id. */
export type ImportOptions = Omit<z.output<typeof importOptionsSchema>, 'defaultCountry'> & {
  defaultCountry?: CountryCode;
  listId?: string;
};

/** Validates options, reporting problems under `options.<path>` like every other 4xx. */
export function parseImportOptions(input: unknown): ImportOptions {
  const parsed = importOptionsSchema.safeParse(input ?? {});
  if (!parsed.success)
    throw new InputError(
      Object.fromEntries(parsed.error.issues.map((i) => [['options', ...i.path].join('.'), i.message])),
    );
  const { defaultCountry, ...rest } = parsed.data;
  return defaultCountry ? { ...rest, defaultCountry: defaultCountry as CountryCode } : rest;
}
