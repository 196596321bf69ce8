/** Raw SQL returns timestamptz columns as text (the ORM parses dates itself); these read them either way. */
export type Timestamp = string | Date;

export const toDate = (value: Timestamp | null): Date | null => (value === null ? null : new Date(value));
export const iso = (value: Timestamp | null): string | null =>
  value === null ? null : new Date(value).toISOString();
