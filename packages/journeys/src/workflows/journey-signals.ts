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
}
export const journeyEventSignal = defineSignal<[JourneyEventSignal]>('journeyEvent');
