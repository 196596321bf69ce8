import type { JourneyNode } from '@switchboard/journeys';

/** What a step's form offers to choose from in this workspace. */
export interface WorkspaceChoices {
  templates: { id: string; name: string; channel: string; published: boolean }[];
  segments: { id: string; name: string }[];
}

export type ConfigOf<T extends JourneyNode['type']> = Extract<JourneyNode, { type: T }>['config'];
