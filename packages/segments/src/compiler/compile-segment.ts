import { STAGES, type SegmentCondition, type SegmentGroup } from '../rules/segment-rules.ts';

export type AttributeType = 'text' | 'number' | 'boolean' | 'date' | 'list';

/** What resolveSegment returns for a static list: membership is read from segment_members. */
export const STATIC_LIST = 'static-list' as const;

export interface CompileContext {
  /** The workspace's attribute definitions: a rule may only use attributes that exist, with their type. */
  attributeTypes: ReadonlyMap<string, AttributeType>;
  /** Cut-offs such as "in the last 30 days" are computed from this instant. */
  now: Date;
  workspaceId: string;
  /**
   * Another segment of the same workspace, for "in segment X": its rules, STATIC_LIST for a list whose members are
   * stored, undefined when there is none.
   */
  resolveSegment?: (id: string) => SegmentGroup | typeof STATIC_LIST | undefined;
  /** Planner estimates that choose how each event condition runs (see EventVolumes); without them, per contact. */
  eventVolumes?: EventVolumes;
}

/**
 * How many contacts the workspace has, and how many events of a name it holds since an instant (PostgreSQL's
 * estimates). An event condition is evaluated one of two ways: probing each contact's own events through the
 * (contact, name, time) index, which costs per contact left by the other conditions, or reading every matching event
 * of the period once through the (workspace, name, time) index, which costs per event. Reading wins when the event
 * is rarer than the contacts are many.
 */
export interface EventVolumes {
  contacts: number;
  events: (name: string, since: Date) => number | undefined;
}

export interface CompiledSegment {
  /** A boolean SQL expression over `contacts c`, with `?` placeholders. */
  where: string;
  params: unknown[];
}

/** A rule that cannot be compiled; `path` points into the rule tree (e.g. conditions.2.value). */
export class SegmentCompileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'SegmentCompileError';
  }
}

const FIELD_COLUMNS = {
  email: { column: 'c.email', type: 'text' },
  phone: { column: 'c.phone', type: 'text' },
  wechatId: { column: 'c.wechat_id', type: 'text' },
  externalId: { column: 'c.external_id', type: 'text' },
  firstName: { column: 'c.first_name', type: 'text' },
  lastName: { column: 'c.last_name', type: 'text' },
  timezone: { column: 'c.timezone', type: 'text' },
  locale: { column: 'c.locale', type: 'text' },
  leadScore: { column: 'c.lead_score', type: 'number' },
  createdAt: { column: 'c.created_at', type: 'timestamp' },
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Compiles a segment's rule tree into one parameterised SQL condition. Column names come only from fixed tables in
 * this file; attribute names and every value travel as parameters, so nothing a user types becomes SQL text.
 */
export function compileSegment(tree: SegmentGroup, context: CompileContext): CompiledSegment {
  const params: unknown[] = [];
  const where = compileGroup(tree, context, params, '', new Set());
  return { where, params };
}

function compileGroup(
  group: SegmentGroup,
  ctx: CompileContext,
  params: unknown[],
  path: string,
  visiting: Set<string>,
): string {
  if (group.conditions.length === 0) return group.match === 'all' ? 'true' : 'false';
  const parts = group.conditions.map((condition, i) => {
    const at = `${path}conditions.${i}`;
    return condition.kind === 'group'
      ? compileGroup(condition, ctx, params, `${at}.`, visiting)
      : compileCondition(condition, ctx, params, at, visiting);
  });
  return parts.length === 1 ? parts[0]! : `(${parts.join(group.match === 'all' ? ' and ' : ' or ')})`;
}

function compileCondition(
  condition: SegmentCondition,
  ctx: CompileContext,
  params: unknown[],
  path: string,
  visiting: Set<string>,
): string {
  const push = (...values: unknown[]) => {
    params.push(...values);
    return '?';
  };
  const cutoff = (days: number) => new Date(ctx.now.getTime() - days * DAY_MS);

  switch (condition.kind) {
    case 'tag':
      return condition.op === 'has'
        ? `(${push(condition.value)} = any(c.tags))`
        : `(not (${push(condition.value)} = any(c.tags)))`;

    case 'lifecycle': {
      if (condition.op === 'is') return `(c.lifecycle_stage = ${push(condition.value)})`;
      if (condition.op === 'is_not') return `(c.lifecycle_stage <> ${push(condition.value)})`;
      const reached = STAGES.slice(STAGES.indexOf(condition.value));
      return `(c.lifecycle_stage in (${reached.map((s) => push(s)).join(', ')}))`;
    }

    case 'field': {
      const field = FIELD_COLUMNS[condition.field];
      const comparison = {
        operand: { sql: field.column, params: [] },
        op: condition.op,
        value: condition.value,
        push,
        path,
      };
      if (field.type === 'text') return textComparison(comparison);
      if (field.type === 'number') return numberComparison(comparison);
      return dateComparison(comparison, cutoff, 'timestamp');
    }

    case 'attribute': {
      const type = ctx.attributeTypes.get(condition.key);
      if (!type)
        throw new SegmentCompileError(
          `${path}.key`,
          `There is no attribute "${condition.key}" in this workspace`,
        );
      const key = condition.key;
      const compare = (sql: string, params: unknown[]) => ({
        operand: { sql, params },
        op: condition.op,
        value: condition.value,
        push,
        path,
      });
      switch (type) {
        case 'text':
          return textComparison(compare('(c.attributes ->> ?)', [key]));
        case 'number':
          return numberComparison(
            compare(
              "(case when jsonb_typeof(c.attributes -> ?) = 'number' then (c.attributes ->> ?)::numeric end)",
              [key, key],
            ),
          );
        case 'boolean':
          if (condition.op === 'is_true') return `((c.attributes -> ${push(key)}) = 'true'::jsonb)`;
          if (condition.op === 'is_false') return `((c.attributes -> ${push(key)}) = 'false'::jsonb)`;
          // jsonb_exists is the `?` operator; spelled out because `?` marks parameters here.
          if (condition.op === 'exists') return `(jsonb_exists(c.attributes, ${push(key)}))`;
          if (condition.op === 'not_exists') return `(not jsonb_exists(c.attributes, ${push(key)}))`;
          throw unsupported(path, condition.op, 'a true/false attribute');
        case 'date':
          return dateComparison(compare('left(c.attributes ->> ?, 10)', [key]), cutoff, 'day-text');
        case 'list':
          if (condition.op === 'includes') {
            if (typeof condition.value !== 'string')
              throw new SegmentCompileError(`${path}.value`, 'Give the text the list must include');
            return `((c.attributes -> ${push(key)}) @> ${push(JSON.stringify([condition.value]))}::jsonb)`;
          }
          if (condition.op === 'exists') return `(jsonb_exists(c.attributes, ${push(key)}))`;
          if (condition.op === 'not_exists') return `(not jsonb_exists(c.attributes, ${push(key)}))`;
          throw unsupported(path, condition.op, 'a list attribute');
      }
      break;
    }

    case 'event': {
      const filters = {
        sql: condition.where.map(() => ' and e.properties ->> ? = ?').join(''),
        params: condition.where.flatMap((f) => [f.key, String(f.value)]),
      };
      return eventMembership(
        condition.op,
        condition.name,
        cutoff(condition.withinDays),
        condition.atLeast,
        filters,
        ctx,
        params,
      );
    }

    case 'engagement': {
      // Machine opens and link-scanner clicks are recorded with properties.machine = true and never count as engagement.
      const human = condition.action === 'opened' || condition.action === 'clicked';
      const filters = {
        sql: human ? " and coalesce(e.properties ->> 'machine', 'false') <> 'true'" : '',
        params: [],
      };
      return eventMembership(
        condition.op,
        `${condition.channel}_${condition.action}`,
        cutoff(condition.withinDays),
        1,
        filters,
        ctx,
        params,
      );
    }

    case 'consent': {
      const match = `select 1 from consents k where k.contact_id = c.id and k.channel = ${push(condition.channel)} and k.topic = ${push(condition.topic)}`;
      return condition.status === 'none'
        ? `(not exists (${match}))`
        : `(exists (${match} and k.status = ${push(condition.status)}))`;
    }

    case 'segment': {
      if (visiting.has(condition.segmentId))
        throw new SegmentCompileError(
          `${path}.segmentId`,
          'Segments cannot contain themselves, directly or through others',
        );
      const tree = ctx.resolveSegment?.(condition.segmentId);
      if (!tree)
        throw new SegmentCompileError(`${path}.segmentId`, 'There is no such segment in this workspace');
      if (tree === STATIC_LIST) {
        const member = `exists (select 1 from segment_members m where m.segment_id = ${push(condition.segmentId)}::uuid and m.contact_id = c.id)`;
        return condition.op === 'in' ? `(${member})` : `(not ${member})`;
      }
      const inner = compileGroup(
        tree,
        ctx,
        params,
        `${path}.segment.`,
        new Set([...visiting, condition.segmentId]),
      );
      return condition.op === 'in' ? inner : `(not ${inner})`;
    }

    case 'bucket':
      return `(mod(abs(('x' || substr(md5(${push(condition.salt)} || c.id::text), 1, 8))::bit(32)::int), 100) between ${push(condition.from)} and ${push(condition.to - 1)})`;
  }
  throw new SegmentCompileError(path, 'Unknown condition');
}

/** Contacts that did `name` at least `atLeast` times since `since` (or, for did_not, fewer times). */
function eventMembership(
  op: 'did' | 'did_not',
  name: string,
  since: Date,
  atLeast: number,
  filters: { sql: string; params: unknown[] },
  ctx: CompileContext,
  params: unknown[],
) {
  const negate = (sql: string) => (op === 'did' ? `(${sql})` : `(not ${sql})`);
  const estimated = ctx.eventVolumes?.events(name, since);
  const scan = estimated !== undefined && estimated <= ctx.eventVolumes!.contacts;
  if (atLeast === 1) {
    // The planner picks between probing per contact and a hashed (anti-)join over the period's events; the
    // workspace term is checked only on matching rows when it probes.
    params.push(ctx.workspaceId, name, since, ...filters.params);
    return negate(
      `exists (select 1 from events e where e.workspace_id = ? and e.contact_id = c.id and e.name = ? and e.occurred_at >= ?${filters.sql})`,
    );
  }
  if (scan) {
    params.push(ctx.workspaceId, name, since, ...filters.params, atLeast);
    return negate(
      `exists (select 1 from (select e.contact_id from events e where e.workspace_id = ? and e.name = ? and e.occurred_at >= ?${filters.sql} group by e.contact_id having count(*) >= ?) g where g.contact_id = c.id)`,
    );
  }
  // The Nth matching event exists: an index-only probe that stops after N entries. Contact ids are unique across
  // workspaces, so the contact alone scopes it.
  params.push(name, since, ...filters.params, atLeast - 1);
  return negate(
    `exists (select 1 from events e where e.contact_id = c.id and e.name = ? and e.occurred_at >= ?${filters.sql} offset ?)`,
  );
}

type Push = (...values: unknown[]) => string;

/** A value expression (a column or an attribute lookup) and the parameters its own placeholders need. */
interface Operand {
  sql: string;
  params: unknown[];
}

interface Comparison {
  operand: Operand;
  op: string;
  value: unknown;
  push: Push;
  path: string;
}

/** Emits the operand's parameters and returns its SQL, so placeholders stay in the order they appear. */
function emit({ operand, push }: Comparison): string {
  push(...operand.params);
  return operand.sql;
}

/** exists / not_exists apply to every type alike. */
function presence(c: Comparison): string | undefined {
  if (c.op === 'exists') return `(${emit(c)} is not null)`;
  if (c.op === 'not_exists') return `(${emit(c)} is null)`;
  return undefined;
}

function textComparison(c: Comparison): string {
  const { op, value, push, path } = c;
  const text = () => {
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new SegmentCompileError(`${path}.value`, 'Give a text to compare with');
    return String(value);
  };
  switch (op) {
    case 'eq':
      return `(${emit(c)} = ${push(text())})`;
    case 'neq':
      return `(${emit(c)} is distinct from ${push(text())})`;
    case 'contains':
      return `(${emit(c)} ilike ${push(`%${escapeLike(text())}%`)})`;
    case 'not_contains':
      return `(coalesce(${emit(c)}, '') not ilike ${push(`%${escapeLike(text())}%`)})`;
    case 'starts_with':
      return `(${emit(c)} ilike ${push(`${escapeLike(text())}%`)})`;
    case 'in': {
      if (!Array.isArray(value) || value.length === 0)
        throw new SegmentCompileError(`${path}.value`, 'Give at least one value');
      const column = emit(c);
      return `(${column} in (${value.map((v) => push(String(v))).join(', ')}))`;
    }
  }
  return presence(c) ?? throwUnsupported(path, op, 'a text');
}

function numberComparison(c: Comparison): string {
  const SQL = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
  const operator = SQL[c.op as keyof typeof SQL];
  if (!operator) return presence(c) ?? throwUnsupported(c.path, c.op, 'a number');
  if (typeof c.value !== 'number')
    throw new SegmentCompileError(`${c.path}.value`, 'Give a number to compare with');
  return `(${emit(c)} ${operator} ${c.push(c.value)})`;
}

/**
 * Dates as timestamps (columns) or as ISO day text (attributes: compared as text, never cast, so one odd stored value
 * cannot fail the whole query).
 */
function dateComparison(
  c: Comparison,
  cutoff: (days: number) => Date,
  storage: 'timestamp' | 'day-text',
): string {
  const { op, value, push, path } = c;
  const point = (d: Date) => (storage === 'timestamp' ? d : d.toISOString().slice(0, 10));
  switch (op) {
    case 'before':
    case 'after': {
      const valid =
        typeof value === 'string' &&
        (storage === 'timestamp' ? !Number.isNaN(Date.parse(value)) : /^\d{4}-\d{2}-\d{2}/.test(value));
      if (!valid) throw new SegmentCompileError(`${path}.value`, 'Give an ISO date such as 2026-11-26');
      const bound = storage === 'timestamp' ? new Date(value) : value.slice(0, 10);
      return `(${emit(c)} ${op === 'before' ? '<' : '>='} ${push(bound)})`;
    }
    case 'within_last_days':
    case 'not_within_last_days': {
      if (typeof value !== 'number' || value < 1)
        throw new SegmentCompileError(`${path}.value`, 'Give a number of days');
      if (op === 'not_within_last_days') return `(${emit(c)} < ${push(point(cutoff(value)))})`;
      // Day text also needs an upper bound, or dates in the future would count as "in the last D days".
      return storage === 'timestamp'
        ? `(${emit(c)} >= ${push(point(cutoff(value)))})`
        : `(${emit(c)} between ${push(point(cutoff(value)))} and ${push(point(cutoff(0)))})`;
    }
  }
  return presence(c) ?? throwUnsupported(path, op, 'a date');
}

const unsupported = (path: string, op: string, what: string) =>
  new SegmentCompileError(`${path}.op`, `"${op}" does not apply to ${what}`);

function throwUnsupported(path: string, op: string, what: string): never {
  throw unsupported(path, op, what);
}
