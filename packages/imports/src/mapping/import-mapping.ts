/**
 * Where a CSV column goes. Written as a short string so API callers can send `{"E-Mail": "email", "Plan":
 * "attribute:plan:text"}`: a built-in field, `tags` (a ; or , separated list), `attribute:<key>[:<type>]`, or `ignore`.
 * Browser-safe: the import wizard uses the same guesses the server does.
 */
export const FIELD_TARGETS = [
  'email',
  'phone',
  'wechatId',
  'externalId',
  'firstName',
  'lastName',
  'timezone',
  'locale',
  'lifecycleStage',
  'tags',
] as const;
export type FieldTarget = (typeof FIELD_TARGETS)[number];
export const MAPPING_ATTRIBUTE_TYPES = ['text', 'number', 'boolean', 'date', 'list'] as const;
export type MappingAttributeType = (typeof MAPPING_ATTRIBUTE_TYPES)[number];

export type ColumnTarget =
  | { kind: 'ignore' }
  | { kind: 'field'; field: FieldTarget }
  | { kind: 'attribute'; key: string; type?: MappingAttributeType };

const ATTRIBUTE_KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;

/** Parses `email` / `attribute:plan:number` / `ignore`; returns a message instead when it is none of them. */
export function parseTarget(text: string): ColumnTarget | { error: string } {
  const value = text.trim();
  if (value === 'ignore' || value === '') return { kind: 'ignore' };
  if ((FIELD_TARGETS as readonly string[]).includes(value))
    return { kind: 'field', field: value as FieldTarget };
  const match = /^attribute:([^:]+)(?::([a-z]+))?$/.exec(value);
  if (match) {
    const [, key = '', type] = match;
    if (!ATTRIBUTE_KEY.test(key))
      return { error: `"${key}" is not an attribute name (a letter, then letters, digits or _; at most 64)` };
    if (type !== undefined && !(MAPPING_ATTRIBUTE_TYPES as readonly string[]).includes(type))
      return { error: `"${type}" is not an attribute type; use ${MAPPING_ATTRIBUTE_TYPES.join(', ')}` };
    return type === undefined
      ? { kind: 'attribute', key }
      : { kind: 'attribute', key, type: type as MappingAttributeType };
  }
  return {
    error: `"${value}" is not a target; use ${FIELD_TARGETS.join(', ')}, attribute:<name>[:<type>] or ignore`,
  };
}

export function formatTarget(target: ColumnTarget): string {
  if (target.kind === 'ignore') return 'ignore';
  if (target.kind === 'field') return target.field;
  return `attribute:${target.key}${target.type ? `:${target.type}` : ''}`;
}

/** How a header is compared and remembered: case, spaces, dashes and underscores do not matter. */
export const columnKey = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_\-.]+/g, '');

const SYNONYMS: Record<string, FieldTarget> = {
  email: 'email',
  emailaddress: 'email',
  mail: 'email',
  'e-mail': 'email',
  phone: 'phone',
  phonenumber: 'phone',
  mobile: 'phone',
  mobilephone: 'phone',
  mobilenumber: 'phone',
  cell: 'phone',
  tel: 'phone',
  telephone: 'phone',
  sms: 'phone',
  wechat: 'wechatId',
  wechatid: 'wechatId',
  weixin: 'wechatId',
  externalid: 'externalId',
  crmid: 'externalId',
  customerid: 'externalId',
  userid: 'externalId',
  firstname: 'firstName',
  givenname: 'firstName',
  forename: 'firstName',
  lastname: 'lastName',
  surname: 'lastName',
  familyname: 'lastName',
  timezone: 'timezone',
  tz: 'timezone',
  locale: 'locale',
  language: 'locale',
  lang: 'locale',
  lifecyclestage: 'lifecycleStage',
  lifecycle: 'lifecycleStage',
  stage: 'lifecycleStage',
  tags: 'tags',
  labels: 'tags',
  // Common German headers (Excel exports from German CRMs).
  emailadresse: 'email',
  telefon: 'phone',
  telefonnummer: 'phone',
  handy: 'phone',
  mobilnummer: 'phone',
  vorname: 'firstName',
  nachname: 'lastName',
  zeitzone: 'timezone',
  sprache: 'locale',
  schlagworte: 'tags',
  // Common Chinese headers.
  邮箱: 'email',
  电子邮件: 'email',
  手机: 'phone',
  手机号: 'phone',
  电话: 'phone',
  微信: 'wechatId',
  微信号: 'wechatId',
  名: 'firstName',
  姓: 'lastName',
  标签: 'tags',
};

/** An attribute name derived from a header ("Plan Tier" → plan_tier), or null if none can be made. */
export function attributeKeyFor(header: string): string | null {
  const key = header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
  return ATTRIBUTE_KEY.test(key) ? key : null;
}

/**
 * The mapping to propose for a header: what this workspace chose for the same column before, else a built-in field
 * whose name it matches, else a custom attribute named after it. A built-in field is proposed for one column only.
 */
export function proposeMapping(
  header: readonly string[],
  remembered: ReadonlyMap<string, ColumnTarget> = new Map(),
): ColumnTarget[] {
  const taken = new Set<string>();
  const claim = (target: ColumnTarget): ColumnTarget => {
    if (target.kind !== 'field') return target;
    if (taken.has(target.field)) return { kind: 'ignore' };
    taken.add(target.field);
    return target;
  };
  return header.map((name) => {
    const key = columnKey(name);
    const known = remembered.get(key);
    if (known) return claim(known);
    const field = SYNONYMS[key] ?? SYNONYMS[name.trim()];
    if (field) return claim({ kind: 'field', field });
    const attribute = attributeKeyFor(name);
    return attribute ? { kind: 'attribute', key: attribute } : { kind: 'ignore' };
  });
}

/** Problems that make a mapping unusable, keyed by the column they concern. */
export function mappingProblems(header: readonly string[], mapping: readonly ColumnTarget[]) {
  const problems: Record<string, string> = {};
  const fieldColumn = new Map<string, string>();
  const attributeColumn = new Map<string, string>();
  mapping.forEach((target, i) => {
    const column = header[i] ?? `column ${i + 1}`;
    if (target.kind === 'field') {
      const other = fieldColumn.get(target.field);
      if (other !== undefined)
        problems[`mapping.${column}`] = `${target.field} is already mapped from column "${other}"`;
      else fieldColumn.set(target.field, column);
    } else if (target.kind === 'attribute') {
      const other = attributeColumn.get(target.key);
      if (other !== undefined)
        problems[`mapping.${column}`] = `attribute ${target.key} is already mapped from column "${other}"`;
      else attributeColumn.set(target.key, column);
    }
  });
  if (!['email', 'phone', 'wechatId', 'externalId'].some((f) => fieldColumn.has(f)))
    problems.mapping =
      'Map at least one column to email, phone, wechatId or externalId, so rows can be matched';
  return problems;
}
