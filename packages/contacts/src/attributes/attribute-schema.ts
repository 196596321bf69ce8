import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import {
  coerceAttribute,
  inferAttributeType,
  isValidAttributeKey,
  type AttributeType,
  type AttributeValue,
} from '../traits/attribute-types.ts';
import { sql } from '../sql.ts';

export type FieldErrors = Record<string, string>;

/** The workspace's attribute definitions, loaded once per request or batch. */
export class AttributeSchema {
  private constructor(
    private readonly workspaceId: string,
    private readonly types: Map<string, AttributeType>,
  ) {}

  static async load(em: EntityManager, workspaceId: string): Promise<AttributeSchema> {
    const rows = await sql<{ key: string; type: AttributeType }>(
      em,
      'select key, type from attribute_definitions where workspace_id = ?',
      [workspaceId],
    );
    return new AttributeSchema(workspaceId, new Map(rows.map((r) => [r.key, r.type])));
  }

  /** For requests that set no attributes (a batch of events only): nothing to read. */
  static empty(workspaceId: string): AttributeSchema {
    return new AttributeSchema(workspaceId, new Map());
  }

  typeOf(key: string): AttributeType | undefined {
    return this.types.get(key);
  }

  /**
   * Validates attributes against their definitions; keys never seen before get a type inferred from their value.
   * Errors are keyed `${prefix}.${key}`. Returns the coerced values and the definitions to create.
   */
  validate(input: Record<string, unknown>, prefix = 'attributes') {
    const values: Record<string, AttributeValue> = {};
    const errors: FieldErrors = {};
    const newTypes = new Map<string, AttributeType>();
    for (const [key, raw] of Object.entries(input)) {
      if (!isValidAttributeKey(key)) {
        errors[`${prefix}.${key}`] =
          'attribute names start with a letter and use letters, digits and _ (at most 64)';
        continue;
      }
      const type =
        this.types.get(key) ?? newTypes.get(key) ?? (raw === null ? 'text' : inferAttributeType(raw));
      if (!type) {
        errors[`${prefix}.${key}`] = 'must be text, a number, true/false, an ISO date or a list of texts';
        continue;
      }
      const coerced = coerceAttribute(type, raw);
      if (!coerced.ok) errors[`${prefix}.${key}`] = `${coerced.message} (${key} is a ${type} attribute)`;
      else {
        values[key] = coerced.value;
        if (!this.types.has(key)) newTypes.set(key, type);
      }
    }
    return { values, errors, newTypes };
  }

  /** Records newly inferred definitions; a concurrent first writer of the same key wins and its type is kept. */
  async define(em: EntityManager, newTypes: Map<string, AttributeType>): Promise<void> {
    for (const [key, type] of newTypes) {
      await sql(
        em,
        `insert into attribute_definitions (id, workspace_id, key, type, label, created_at)
         values (?, ?, ?, ?, ?, now()) on conflict (workspace_id, key) do nothing`,
        [randomUUID(), this.workspaceId, key, type, key],
      );
      this.types.set(key, type);
    }
  }
}
