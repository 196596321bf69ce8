import { LIFECYCLE_STAGES, type LifecycleStage } from '@switchboard/contacts';

export type Thresholds = Partial<Record<LifecycleStage, number>>;

/**
 * The stage a score earns: the furthest stage whose threshold the score reaches, if that is beyond the current one.
 * Scoring only ever moves contacts forward; people move them back by hand. Null means "stay".
 */
export function stageEarned(
  current: LifecycleStage,
  score: number,
  thresholds: Thresholds,
): LifecycleStage | null {
  let earned: LifecycleStage | null = null;
  for (const stage of LIFECYCLE_STAGES) {
    const min = thresholds[stage];
    if (min !== undefined && score >= min) earned = stage;
  }
  if (!earned) return null;
  return LIFECYCLE_STAGES.indexOf(earned) > LIFECYCLE_STAGES.indexOf(current) ? earned : null;
}
