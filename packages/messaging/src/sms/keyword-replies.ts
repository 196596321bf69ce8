import type { SmsKeyword } from './sms-keywords.ts';

const CHINESE = /[\u3400-\u9fff]/;

/** The one confirmation a keyword earns: plain, no marketing, in the language the person wrote in. */
export function keywordReply(keyword: SmsKeyword, workspaceName: string, helpText: string | null): string {
  const zh = keyword.kind !== 'none' && CHINESE.test(keyword.keyword);
  switch (keyword.kind) {
    case 'opt_out':
      return zh
        ? `您已退订${workspaceName}的短信，将不再收到消息。回复START可重新订阅。`
        : `You have been unsubscribed from ${workspaceName} texts and will receive no further messages. Reply START to resubscribe.`;
    case 'opt_in':
      return zh
        ? `您已重新订阅${workspaceName}的短信。回T退订。`
        : `You are resubscribed to ${workspaceName} texts. Reply STOP to opt out, HELP for help.`;
    case 'help':
      return (
        helpText ??
        (zh
          ? `${workspaceName}：回T退订，回START重新订阅。`
          : `${workspaceName}: reply STOP to opt out, START to opt back in. Msg & data rates may apply.`)
      );
    default:
      return '';
  }
}
