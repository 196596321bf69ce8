import { defineSignal } from '@temporalio/workflow';

/** An instance of this workflow's journey, contact and key was admitted and should run (signal-with-start). */
export const enrolSignal = defineSignal<[{ instanceId: string }]>('enrol');

/**
 * An event an instance was waiting for (`received`, for the step `nodeId`), one of the journey's goals, or leaving
 * its segment. Only ids travel: the dispatcher has already matched names, filters and the trigger key.
 */
export interface JourneyEventSignal {
  instanceId: string;
  eventId: string;
  kind: 'received' | 'goal' | 'exit';
  nodeId: string | null;
  /**
   * For a goal: the wait-for-event steps this event also answers whose `received` path leads to a goal step. An
   * instance at (or arriving at) one of them takes that path, so the conversion is counted on the goal step drawn.
   * The workflow decides, not the dispatcher: the dispatcher's view of where the instance is may be a step behind.
   */
  answers?: string[];
}
export const journeyEventSignal = defineSignal<[JourneyEventSignal]>('journeyEvent');
