/**
 * Phrases spam filters and readers distrust, in English and Chinese. A hit is a warning, not a block: context decides.
 * Matched case-insensitively as whole phrases.
 */
export const SPAM_PHRASES = [
  '100% free',
  'act now',
  'buy now',
  'cash bonus',
  'click here',
  'double your',
  'earn money',
  'extra income',
  'free gift',
  'guaranteed',
  'limited time offer',
  'lowest price',
  'make money fast',
  'miracle',
  'no credit check',
  'risk-free',
  'urgent',
  'winner',
  'you have been selected',
  '免费领取',
  '限时抢购',
  '立即购买',
  '点击这里',
  '中奖',
  '恭喜您',
  '赚钱',
  '日赚',
  '无需费用',
  '百分百',
  '最低价',
  '速来',
] as const;

export function spamPhrasesIn(text: string): string[] {
  const lower = text.toLowerCase();
  return SPAM_PHRASES.filter((phrase) => {
    const at = lower.indexOf(phrase);
    if (at < 0) return false;
    // Chinese has no word boundaries; for Latin phrases require one on both sides.
    if (/[\u4e00-\u9fff]/.test(phrase)) return true;
    const before = lower[at - 1];
    const after = lower[at + phrase.length];
    return !(before && /[a-z0-9]/.test(before)) && !(after && /[a-z0-9]/.test(after));
  });
}
