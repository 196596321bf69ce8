import {
  coerceAttribute,
  IdentityError,
  isTimeZone,
  LIFECYCLE_STAGES,
  normaliseEmail,
  normalisePhone,
  type AttributeType,
  type AttributeValue,
  type Identities,
  type LifecycleStage,
} from '@switchboard/contacts';
import type { CountryCode } from 'libphonenumber-js/max';
import type { ColumnTarget } from './import-mapping.ts';

/** One CSV row, validated and normalised, ready to be matched against contacts. */
export interface ImportRecord {
  /** Row numbers as a spreadsheet shows them (the header is row 1); several when duplicates were merged. */
  rows: number[];
  identities: Identities;
  profile: {
    firstName?: string;
    lastName?: string;
    timezone?: string;
    locale?: string;
    lifecycleStage?: LifecycleStage;
  };
  attributes: Record<string, AttributeValue>;
  tags: string[];
}

export interface Rejection {
  row: number;
  reason: string;
  cells: string[];
}

export interface RowContext {
  header: readonly string[];
  mapping: readonly ColumnTarget[];
  /** The type every mapped attribute is read as (the mapping's type, the workspace's definition, else text). */
  attributeTypes: ReadonlyMap<string, AttributeType>;
  defaultCountry?: CountryCode;
}

const STAGE_NAMES: Record<string, LifecycleStage> = {
  marketingqualifiedlead: 'mql',
  salesqualifiedlead: 'sql',
  opportunity: 'opportunity',
  customer: 'customer',
};

function lifecycleStage(raw: string): LifecycleStage | null {
  const key = raw.toLowerCase().replace(/[^a-z]/g, '');
  if ((LIFECYCLE_STAGES as readonly string[]).includes(key)) return key as LifecycleStage;
  return STAGE_NAMES[key] ?? null;
}

const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const splitList = (raw: string) =>
  raw
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Validates one row against the mapping. Empty cells mean "not given" and never erase what a contact already has.
 * Every problem in the row is reported at once, each naming its column, so a user can fix the file in one pass.
 */
export function mapRow(
  cells: readonly string[],
  row: number,
  context: RowContext,
): { record: ImportRecord } | { rejection: Rejection } {
  const problems: string[] = [];
  const reject = () => ({ rejection: { row, reason: problems.join('; '), cells: [...cells] } });
  if (cells.length !== context.header.length) {
    problems.push(
      `the row has ${cells.length} cell${cells.length === 1 ? '' : 's'} but the header has ${context.header.length}`,
    );
    return reject();
  }
  const record: ImportRecord = { rows: [row], identities: {}, profile: {}, attributes: {}, tags: [] };
  // A plain loop calling a top-level function: this runs for every cell of files with millions of rows.
  for (let i = 0; i < context.mapping.length; i++) {
    const target = context.mapping[i]!;
    const raw = cells[i]!.trim();
    if (target.kind === 'ignore' || raw === '') continue;
    const problem = mapCell(target, raw, record, context);
    if (problem !== null) problems.push(`${context.header[i]!}: ${problem}`);
  }
  if (problems.length === 0 && Object.keys(record.identities).length === 0)
    problems.push('no email, phone, WeChat id or external id to match or create the contact by');
  return problems.length > 0 ? reject() : { record };
}

/** Writes one non-empty cell into the record; returns what is wrong with it, or null. */
function mapCell(
  target: Exclude<ColumnTarget, { kind: 'ignore' }>,
  raw: string,
  record: ImportRecord,
  context: RowContext,
): string | null {
  if (target.kind === 'attribute') {
    const type = context.attributeTypes.get(target.key) ?? 'text';
    const coerced = coerceAttribute(type, raw);
    if (!coerced.ok) return `${coerced.message} (${target.key} is a ${type} attribute)`;
    record.attributes[target.key] = coerced.value;
    return null;
  }
  try {
    switch (target.field) {
      case 'email':
        record.identities.email = normaliseEmail(raw);
        return null;
      case 'phone':
        record.identities.phone = normalisePhone(raw, context.defaultCountry);
        return null;
      case 'wechatId':
      case 'externalId':
        if (raw.length > 200 || /\p{Cc}/u.test(raw))
          return 'must be at most 200 characters without control characters';
        record.identities[target.field] = raw;
        return null;
      case 'firstName':
      case 'lastName':
        if (raw.length > 200) return 'must be at most 200 characters';
        record.profile[target.field] = raw;
        return null;
      case 'timezone':
        if (!isTimeZone(raw)) return `"${raw}" is not a time zone such as Europe/Berlin or Asia/Shanghai`;
        record.profile.timezone = raw;
        return null;
      case 'locale':
        if (!LOCALE.test(raw)) return `"${raw}" is not a locale such as en or zh-CN`;
        record.profile.locale = raw;
        return null;
      case 'lifecycleStage': {
        const stage = lifecycleStage(raw);
        if (!stage) return `"${raw}" is not a lifecycle stage (${LIFECYCLE_STAGES.join(', ')})`;
        record.profile.lifecycleStage = stage;
        return null;
      }
      case 'tags': {
        const tags = splitList(raw);
        if (tags.some((t) => t.length > 100)) return 'each tag must be at most 100 characters';
        record.tags.push(...tags);
        return null;
      }
    }
  } catch (error) {
    if (error instanceof IdentityError) return error.message;
    throw error;
  }
}
