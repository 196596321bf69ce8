export {
  DIRECT,
  type ConversionPath,
  type Credits,
  type Touch,
  type Transition,
} from './attribution/conversion-path.ts';
export {
  firstTouch,
  lastTouch,
  linear,
  positionBased,
  timeDecay,
} from './attribution/rule-based-attribution.ts';
export { markov, TouchChain } from './attribution/markov-attribution.ts';
export {
  attribute,
  ATTRIBUTION_MODELS,
  DEFAULT_HALF_LIFE_HOURS,
  type AttributionModel,
  type AttributionOptions,
} from './attribution/attribution-models.ts';
export { parseChannelPaths, PathsInputError } from './attribution/paths-input.ts';
export {
  conversionPaths,
  touchKey,
  CREDIT_BY,
  type CreditBy,
  type ConversionRule,
  type PeriodPaths,
} from './store/conversion-paths.ts';
export {
  listConversionDefinitions,
  conversionDefinition,
  saveConversionDefinition,
  deleteConversionDefinition,
  conversionDefinitionInput,
  type ConversionDefinitionInput,
  type ConversionDefinitionView,
} from './store/conversion-definitions.ts';
export { attributionReport, type AttributionReport } from './store/attribution-report.ts';
export {
  attributionFor,
  attributionRequest,
  overviewFor,
  overviewRequest,
  funnelFor,
  templateReportFor,
  templateReportRequest,
  funnelRequest,
  conversionsOrDefault,
  PURCHASES,
  type AttributionRequest,
} from './store/attribution-request.ts';
export { seedDemoAnalytics } from './demo/seed-demo-analytics.ts';
export {
  channelOverview,
  OVERVIEW_COUNTS,
  GRANULARITIES,
  type Granularity,
  type ChannelOverview,
  type OverviewCounts,
} from './store/channel-overview.ts';
export { clickMap, type ClickMap, type ClickMapSource } from './clickmap/click-map.ts';
export { annotateLinks, clicksFor, type LinkClicks } from './clickmap/annotate-links.ts';
export {
  refreshMessageRollups,
  refreshWorkspaceRollups,
  ROLLUP_COUNTS,
  ROLLUP_FROM_LEDGER,
} from './rollups/message-rollups.ts';
export {
  ensureAttributionChain,
  prepareAttributionChains,
  touchMask,
} from './rollups/attribution-touches.ts';
export { sourceLabels } from './store/source-labels.ts';
export {
  attributionCsv,
  overviewCsv,
  templateCsv,
  TEMPLATE_TABLES,
  OVERVIEW_TABLES,
  ATTRIBUTION_TABLES,
  type CsvResult,
} from './store/report-csv.ts';
export { setFixedCost, fixedCostInput, type FixedCostInput } from './store/fixed-costs.ts';
export { clickedThenConverted, type FunnelConversion } from './store/funnel-conversions.ts';
export { journeyStepMessages, type StepMessages } from './store/journey-step-messages.ts';
export { templateReport, type TemplateReport } from './store/template-report.ts';
