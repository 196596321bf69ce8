/**
 * Outcomes after which a send step is over and the instance moves on along `next` (the rest wait, hand the message
 * over or end the instance). Shared by the workflow and the send activity: both decide with it whether the send
 * recorded the arrival at the step after it. Pure, so the workflow bundle can hold it.
 */
const FINAL_SEND_OUTCOMES: ReadonlySet<string> = new Set(['sent', 'suppressed', 'failed', 'unreachable']);

export const sendIsOver = (outcome: string): boolean => FINAL_SEND_OUTCOMES.has(outcome);
