import { t } from '../../i18n/i18n.ts';

// Mirrors LIFECYCLE_STAGES on the server, which validates them.
export const STAGES = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer'] as const;
export type Stage = (typeof STAGES)[number];

export const stageLabel = (stage: string) =>
  (STAGES as readonly string[]).includes(stage) ? t(`stage.${stage as Stage}`) : stage;

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

/** Chinese, Japanese and Korean names read family name first, without a space (王芳); others "Ann Smith". */
export const displayName = (c: {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
}) => {
  const parts = [c.firstName, c.lastName].filter(Boolean) as string[];
  if (parts.length === 2 && parts.every((p) => CJK.test(p))) return `${c.lastName}${c.firstName}`;
  return parts.join(' ') || c.email || c.phone || '—';
};
