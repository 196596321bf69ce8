import {
  coerceAttribute,
  IdentityError,
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

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
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
  context.mapping.forEach((target, i) => {
    const raw = cells[i]!.trim();
    if (target.kind === 'ignore' || raw === '') return;
    const column = context.header[i]!;
    const problem = (message: string) => problems.push(`${column}: ${message}`);
    if (target.kind === 'attribute') {
      const type = context.attributeTypes.get(target.key) ?? 'text';
      const coerced = coerceAttribute(type, raw);
      if (coerced.ok) record.attributes[target.key] = coerced.value;
      else problem(`${coerced.message} (${target.key} is a ${type} attribute)`);
      return;
    }
    try {
      switch (target.field) {
        case 'email':
          record.identities.email = normaliseEmail(raw);
          break;
        case 'phone':
          record.identities.phone = normalisePhone(raw, context.defaultCountry);
          break;
        case 'wechatId':
        case 'externalId':
          if (raw.length > 200 || /\p{Cc}/u.test(raw))
            problem('must be at most 200 characters without control characters');
          else record.identities[target.field] = raw;
          break;
        case 'firstName':
        case 'lastName':
          if (raw.length > 200) problem('must be at most 200 characters');
          else record.profile[target.field] = raw;
          break;
        case 'timezone':
          if (isTimeZone(raw)) record.profile.timezone = raw;
          else problem(`"${raw}" is not a time zone such as Europe/Berlin or Asia/Shanghai`);
          break;
        case 'locale':
          if (LOCALE.test(raw)) record.profile.locale = raw;
          else problem(`"${raw}" is not a locale such as en or zh-CN`);
          break;
        case 'lifecycleStage': {
          const stage = lifecycleStage(raw);
          if (stage) record.profile.lifecycleStage = stage;
          else problem(`"${raw}" is not a lifecycle stage (${LIFECYCLE_STAGES.join(', ')})`);
          break;
        }
        case 'tags': {
          const tags = splitList(raw);
          if (tags.some((t) => t.length > 100)) problem('each tag must be at most 100 characters');
          else record.tags.push(...tags);
          break;
        }
      }
    } catch (error) {
      if (error instanceof IdentityError) problem(error.message);
      else throw error;
    }
  });
  if (problems.length === 0 && Object.keys(record.identities).length === 0)
    problems.push('no email, phone, WeChat id or external id to match or create the contact by');
  return problems.length > 0 ? reject() : { record };
}
