export {
  openAgentStream,
  openEventStream,
  markerIn,
  type AgentStream,
  type StreamedInboxEvent,
} from './agent-stream.ts';
export { signedInAgents, postInboundSms, type SignedInAgent } from './inbox-fixture.ts';
