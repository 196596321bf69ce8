import type { UserLocale } from './user-locale.ts';

/**
 * The words of Switchboard's notifications and their emails, in each reader's language. A notification is written
 * in its recipient's language when it is created (the bell shows it as written) and emailed in it.
 */
export interface NotificationCopy {
  greeting: (name: string) => string;
  openLink: string;
  newLead: (contact: string) => string;
  followUp: (contact: string) => string;
  noOwnerRule: (contact: string) => string;
  noOwnerRuleBody: (why: string) => string;
  reachedThreshold: (score: number, stage: string, threshold: number) => string;
  reachedStage: (stage: string, score: number) => string;
  assignedByRule: (why: string, owner: string, rule: string) => string;
  assignedByMember: (contact: string, actor: string) => string;
  mentioned: (author: string) => string;
  journeyTask: (journey: string, contact: string) => string;
  webhookDisabled: (url: string) => string;
  webhookDisabledBody: (error: string, days: number) => string;
}

const STAGES: Record<UserLocale, Record<string, string>> = {
  en: {
    subscriber: 'Subscriber',
    lead: 'Lead',
    mql: 'MQL',
    sql: 'SQL',
    opportunity: 'Opportunity',
    customer: 'Customer',
  },
  'zh-CN': {
    subscriber: '订阅者',
    lead: '线索',
    mql: '营销合格线索（MQL）',
    sql: '销售合格线索（SQL）',
    opportunity: '商机',
    customer: '客户',
  },
};

const COPY: Record<UserLocale, NotificationCopy> = {
  en: {
    greeting: (name) => `Hi ${name},`,
    openLink: 'Open in Switchboard',
    newLead: (contact) => `New lead for you: ${contact}`,
    followUp: (contact) => `Follow up with ${contact}`,
    noOwnerRule: (contact) => `No owner rule fits ${contact}`,
    noOwnerRuleBody: (why) => `${why}, but no assignment rule covers them: assign an owner on their page.`,
    reachedThreshold: (score, stage, threshold) =>
      `Lead score ${score} reached the ${STAGES.en[stage] ?? stage} threshold of ${threshold}`,
    reachedStage: (stage, score) => `Reached ${STAGES.en[stage] ?? stage} (lead score ${score})`,
    assignedByRule: (why, owner, rule) => `${why}; assigned to ${owner} by the rule "${rule}"`,
    assignedByMember: (contact, actor) => `${actor} made you the owner of ${contact}`,
    mentioned: (author) => `${author} mentioned you in a conversation`,
    journeyTask: (journey, contact) => `Task from "${journey}": ${contact}`,
    webhookDisabled: (url) => `Webhook endpoint disabled: ${url}`,
    webhookDisabledBody: (error, days) =>
      `Every delivery has failed for ${days} days (last error: ${error}). Events are kept; fix the endpoint and enable it again in Settings → Webhooks to receive them.`,
  },
  'zh-CN': {
    greeting: (name) => `${name}，您好：`,
    openLink: '在 Switchboard 中打开',
    newLead: (contact) => `新线索分配给您：${contact}`,
    followUp: (contact) => `请跟进 ${contact}`,
    noOwnerRule: (contact) => `没有适用于 ${contact} 的负责人规则`,
    noOwnerRuleBody: (why) => `${why}，但没有分配规则覆盖此联系人：请在其页面上指定负责人。`,
    reachedThreshold: (score, stage, threshold) =>
      `线索评分 ${score} 达到${STAGES['zh-CN'][stage] ?? stage}门槛 ${threshold}`,
    reachedStage: (stage, score) => `已达到${STAGES['zh-CN'][stage] ?? stage}（线索评分 ${score}）`,
    assignedByRule: (why, owner, rule) => `${why}；按规则“${rule}”分配给 ${owner}`,
    assignedByMember: (contact, actor) => `${actor} 将 ${contact} 分配给了您`,
    mentioned: (author) => `${author} 在会话中提到了您`,
    journeyTask: (journey, contact) => `来自旅程“${journey}”的任务：${contact}`,
    webhookDisabled: (url) => `Webhook 端点已停用：${url}`,
    webhookDisabledBody: (error, days) =>
      `连续 ${days} 天所有投递均失败（最近的错误：${error}）。事件已保留；修复端点后，在“设置 → Webhook”中重新启用即可收到。`,
  },
};

export function notificationCopy(locale: UserLocale): NotificationCopy {
  return COPY[locale];
}
