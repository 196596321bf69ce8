/** The funnel, in order; scoring moves contacts forward only, people may set any stage by hand. */
export const LIFECYCLE_STAGES = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const stageRank = (stage: LifecycleStage) => LIFECYCLE_STAGES.indexOf(stage);

/** The further of two stages: merging a customer with a lead keeps a customer. */
export function furthestStage(a: LifecycleStage, b: LifecycleStage): LifecycleStage {
  return stageRank(a) >= stageRank(b) ? a : b;
}
