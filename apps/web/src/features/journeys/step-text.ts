import type { JourneyChange, JourneyNode, JourneyNodeType, JourneyProblem } from '@switchboard/journeys';
import { t } from '../../i18n/i18n.ts';
import { en, type MessageKey } from '../../i18n/en.ts';

/** How the builder names steps, outlets, durations and changes in the current language. */

export const stepTypeName = (type: JourneyNodeType) => t(`journeys.step.${type}` as MessageKey);

export const recipeName = (key: string) => t(`journeys.recipe.${key}` as MessageKey);

export function outletName(outlet: string): string {
  if (['next', 'yes', 'no', 'received', 'timeout'].includes(outlet))
    return t(`journeys.outlet.${outlet}` as MessageKey);
  return outlet.toUpperCase();
}

/** A validation problem from the server in the current language (its English message if the code is unknown). */
export function journeyProblemText(
  problem: Pick<JourneyProblem, 'message'> & Partial<JourneyProblem>,
): string {
  const key = `journeys.problem.${problem.code ?? ''}`;
  if (!(key in en)) return problem.message;
  const params = { ...problem.params };
  const outlet = params.outletKey;
  if (typeof outlet === 'string')
    params.outlet = ['next', 'yes', 'no', 'received', 'timeout'].includes(outlet)
      ? outletName(outlet)
      : t('journeys.outlet.branch', { letter: outlet.toUpperCase() });
  for (const name of ['channel', 'templateChannel'])
    if (typeof params[name] === 'string') params[name] = channelName(params[name]);
  return t(key as MessageKey, params);
}

/** A step outcome as counted: an outlet, or what a send did. */
export function outcomeName(outcome: string): string {
  if (['sent', 'suppressed', 'failed', 'unreachable'].includes(outcome))
    return t(`journeys.outcome.${outcome}` as MessageKey);
  return outletName(outcome);
}

export const channelName = (channel: string) => t(`messages.channel.${channel}` as MessageKey);

export const UNITS = [
  { key: 'days', seconds: 86_400 },
  { key: 'hours', seconds: 3_600 },
  { key: 'minutes', seconds: 60 },
  { key: 'seconds', seconds: 1 },
] as const;
export type Unit = (typeof UNITS)[number]['key'];

/** The largest unit that divides a duration evenly, so "2 days" stays "2 days" and 90 s stays "90 seconds". */
export function splitDuration(seconds: number): { amount: number; unit: Unit } {
  const unit = UNITS.find((u) => seconds % u.seconds === 0) ?? UNITS[3];
  return { amount: seconds / unit.seconds, unit: unit.key };
}

export function durationText(seconds: number): string {
  const { amount, unit } = splitDuration(seconds);
  return t(`journeys.duration.${unit}` as MessageKey, { n: amount });
}

/** One line under the step's name on its card: what it is set to do. */
export function stepSummary(node: JourneyNode, templateName: (id: string) => string | undefined): string {
  switch (node.type) {
    case 'trigger': {
      const c = node.config;
      if (c.kind === 'event')
        return c.key
          ? t('journeys.summary.eventKeyed', { event: c.event, key: c.key })
          : t('journeys.summary.event', { event: c.event });
      if (c.kind === 'date')
        return t('journeys.summary.date', { attribute: c.attribute, days: c.offsetDays, at: c.at });
      return t(`journeys.trigger.${c.kind}` as MessageKey);
    }
    case 'send':
      return `${channelName(node.config.channel)} · ${
        (node.config.templateId && templateName(node.config.templateId)) || t('journeys.summary.noTemplate')
      }`;
    case 'wait':
      return node.config.mode === 'duration'
        ? durationText(node.config.seconds)
        : t('journeys.summary.until', { at: node.config.at });
    case 'waitForEvent':
      return t('journeys.summary.waitFor', {
        event: node.config.event,
        timeout: durationText(node.config.timeoutSeconds),
      });
    case 'branch': {
      const c = node.config;
      if (c.kind === 'attribute')
        return `${c.key} ${t(`journeys.op.${c.op}` as MessageKey)} ${c.value ?? ''}`;
      if (c.kind === 'consent' || c.kind === 'reachable')
        return t(`journeys.branch.${c.kind}` as MessageKey) + ` · ${channelName(c.channel)}`;
      if (c.kind === 'did') return t('journeys.summary.did', { event: c.event, days: c.withinDays });
      return t('journeys.branch.segment');
    }
    case 'split':
      return node.config.percentages.map((p) => `${p}%`).join(' / ');
    case 'update': {
      const c = node.config;
      const what = t(`journeys.update.${c.kind}` as MessageKey);
      if (c.kind === 'attribute') return `${what}: ${c.key} = ${String(c.value)}`;
      if (c.kind === 'addTag' || c.kind === 'removeTag') return `${what}: ${c.tag}`;
      if (c.kind === 'score') return `${what}: ${c.points > 0 ? '+' : ''}${c.points}`;
      if (c.kind === 'lifecycle') return `${what}: ${c.stage}`;
      return `${what}: ${channelName(c.channel)}`;
    }
    case 'inboxTask':
      return node.config.note;
    case 'webhook':
      return node.config.url;
    default:
      return '';
  }
}

export function stepTitle(node: JourneyNode): string {
  return node.label?.trim() || stepTypeName(node.type);
}

export function changeText(change: JourneyChange): string {
  const step = (s: { id: string; type: JourneyNodeType; label: string | null }) =>
    `${s.label ?? stepTypeName(s.type)} (${s.id})`;
  switch (change.kind) {
    case 'first':
    case 'layoutOnly':
    case 'settings':
      return t(`journeys.change.${change.kind}` as MessageKey);
    case 'replaced':
      return t('journeys.change.replaced', { step: step(change.step), by: step(change.by) });
    default:
      return t(`journeys.change.${change.kind}` as MessageKey, { step: step(change.step) });
  }
}
