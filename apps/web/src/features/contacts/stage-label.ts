import { t } from '../../i18n/i18n.ts';

// Mirrors LIFECYCLE_STAGES on the server, which validates them.
export const STAGES = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer'] as const;
export type Stage = (typeof STAGES)[number];

export const stageLabel = (stage: string) =>
  (STAGES as readonly string[]).includes(stage) ? t(`stage.${stage as Stage}`) : stage;

export const displayName = (c: {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
}) => [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || c.phone || '—';
