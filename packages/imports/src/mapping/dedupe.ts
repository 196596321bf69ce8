import { IDENTITY_KINDS, type IdentityKind } from '@switchboard/contacts';
import type { ImportRecord, Rejection } from './row-mapper.ts';

const identityKeys = (record: ImportRecord) =>
  IDENTITY_KINDS.flatMap((kind) =>
    record.identities[kind] === undefined ? [] : [`${kind}:${record.identities[kind]}`],
  );

/** Folds `later` into `earlier` the way two identify calls in file order would: later non-empty values win. */
export function mergeRecords(earlier: ImportRecord, later: ImportRecord): ImportRecord {
  return {
    rows: [...earlier.rows, ...later.rows],
    identities: { ...earlier.identities, ...later.identities },
    profile: { ...earlier.profile, ...later.profile },
    attributes: { ...earlier.attributes, ...later.attributes },
    tags: [...new Set([...earlier.tags, ...later.tags])],
  };
}

/**
 * Rows that share any identity (same email, or same phone, …) are one person: they are merged in file order. A row whose identities lead to two different people already in the file is
 * refused rather than guessed at.
 */
export function dedupeRecords(records: readonly ImportRecord[]) {
  const people: ImportRecord[] = [];
  const owner = new Map<string, number>();
  const rejections: Omit<Rejection, 'cells'>[] = [];
  for (const record of records) {
    const keys = identityKeys(record);
    const hits = [...new Set(keys.flatMap((k) => (owner.has(k) ? [owner.get(k)!] : [])))];
    if (hits.length > 1) {
      const rows = hits.map((h) => people[h]!.rows[0]).join(' and ');
      rejections.push({
        row: record.rows[0]!,
        reason: `its identities belong to different people in this file (rows ${rows}); split or correct the row`,
      });
      continue;
    }
    if (hits.length === 0) {
      people.push(record);
      for (const k of keys) owner.set(k, people.length - 1);
      continue;
    }
    const index = hits[0]!;
    people[index] = mergeRecords(people[index]!, record);
    for (const k of keys) owner.set(k, index);
  }
  return { people, rejections };
}

/** A contact already in the workspace, as far as matching needs it. */
export interface ExistingIdentities {
  id: string;
  identities: Partial<Record<IdentityKind, string | null>>;
}

/**
 * Decides for each person whether it creates a contact or updates one. A person whose identities are held by two
 * different contacts is refused (an import does not merge contacts behind the user's back); people that turn out to
 * be the same existing contact are merged.
 */
export function matchExisting(people: readonly ImportRecord[], existing: readonly ExistingIdentities[]) {
  const byKey = new Map<string, string>();
  for (const contact of existing)
    for (const kind of IDENTITY_KINDS) {
      const value = contact.identities[kind];
      if (value) byKey.set(`${kind}:${value}`, contact.id);
    }
  const creates: ImportRecord[] = [];
  const updates = new Map<string, ImportRecord>();
  const rejections: Omit<Rejection, 'cells'>[] = [];
  for (const person of people) {
    const ids = [...new Set(identityKeys(person).flatMap((k) => (byKey.has(k) ? [byKey.get(k)!] : [])))];
    if (ids.length > 1) {
      const held = IDENTITY_KINDS.filter((k) => person.identities[k] !== undefined)
        .map((k) => `${k} ${person.identities[k]}`)
        .join(', ');
      for (const row of person.rows)
        rejections.push({
          row,
          reason: `${held} belong to ${ids.length} different existing contacts; merge them first (identify with both) or correct the row`,
        });
      continue;
    }
    if (ids.length === 0) {
      creates.push(person);
      continue;
    }
    const id = ids[0]!;
    const earlier = updates.get(id);
    updates.set(id, earlier ? mergeRecords(earlier, person) : person);
  }
  return { creates, updates, rejections };
}
