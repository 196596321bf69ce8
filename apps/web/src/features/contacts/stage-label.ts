import { personName } from '@switchboard/contacts/person-name';
import { t } from '../../i18n/i18n.ts';

// Mirrors LIFECYCLE_STAGES on the server, which validates them.
export const STAGES = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer'] as const;
export type Stage = (typeof STAGES)[number];

export const stageLabel = (stage: string) =>
  (STAGES as readonly string[]).includes(stage) ? t(`stage.${stage as Stage}`) : stage;

/** A contact's name as its owner writes it (family name first for Chinese, Japanese, Korean), else email or phone. */
export const displayName = (c: {
  firstName: string | null;
  lastName: string | null;
  locale?: string | null;
  email: string | null;
  phone: string | null;
}) => personName(c) ?? c.email ?? c.phone ?? '—';
