import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@switchboard/api';

type Outputs = inferRouterOutputs<AppRouter>['inbox'];
export type ConversationSummary = Outputs['list']['items'][number];
export type ConversationDetail = Outputs['conversation'];
export type ConversationEntryView = ConversationDetail['entries'][number];
export type AgentState = Outputs['agents'][number];
export type CannedResponse = Outputs['canned'][number];
export type ViewCounts = Outputs['counts'];
