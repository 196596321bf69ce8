import { applyTraits } from './last-write-wins.ts';
import type { AttributeValue } from './attribute-types.ts';
import type { LifecycleStage } from './lifecycle.ts';
import type { ContactRow } from '../profile/contact-row.ts';

/** Built-in profile fields; they take part in last-write-wins like attributes, under `$`-prefixed clock keys. */
export interface ProfileFields {
  firstName?: string | null;
  lastName?: string | null;
  timezone?: string | null;
  locale?: string | null;
  lifecycleStage?: LifecycleStage;
}

const PROFILE_COLUMNS = {
  firstName: 'first_name',
  lastName: 'last_name',
  timezone: 'timezone',
  locale: 'locale',
  lifecycleStage: 'lifecycle_stage',
} as const;

export type TraitColumns = Pick<
  ContactRow,
  'attributes' | 'attribute_written_at' | (typeof PROFILE_COLUMNS)[keyof typeof PROFILE_COLUMNS]
>;

/** What a contact's trait columns become after a write at `at` (null `current` = a new contact). */
export function nextTraits(
  current: TraitColumns | null,
  input: { profile: ProfileFields; attributes: Record<string, AttributeValue> },
  at: Date,
) {
  const incoming: Record<string, AttributeValue> = { ...input.attributes };
  for (const [key, value] of Object.entries(input.profile))
    if (value !== undefined) incoming[`$${key}`] = value as AttributeValue;
  const state = {
    values: { ...(current?.attributes ?? {}) } as Record<string, AttributeValue>,
    writtenAt: { ...(current?.attribute_written_at ?? {}) },
  };
  if (current)
    for (const key of Object.keys(PROFILE_COLUMNS) as (keyof typeof PROFILE_COLUMNS)[])
      state.values[`$${key}`] = current[PROFILE_COLUMNS[key]];
  const next = applyTraits(state, incoming, at);
  const profile = (key: keyof typeof PROFILE_COLUMNS) => (next.values[`$${key}`] ?? null) as string | null;
  return {
    attributes: Object.fromEntries(Object.entries(next.values).filter(([k]) => !k.startsWith('$'))),
    writtenAt: next.writtenAt,
    firstName: profile('firstName'),
    lastName: profile('lastName'),
    timezone: profile('timezone'),
    locale: profile('locale'),
    lifecycleStage: (profile('lifecycleStage') ?? 'subscriber') as LifecycleStage,
  };
}
