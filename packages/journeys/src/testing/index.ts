export { startJourneyWorker } from './journey-worker.ts';
export { startJourneyFixture, fixtureActor, type JourneyFixture } from './journey-fixture.ts';
