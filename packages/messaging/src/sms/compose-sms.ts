import { createHash } from 'node:crypto';
import { segmentSms, smsCost } from './sms-segments.ts';

/**
 * Marketing SMS must tell people how to stop them (CTIA, and China's "回T退订"); we append it unless the text
 * already does. Transactional texts (codes, receipts) are left alone.
 */
const OPT_OUT_HINT = { en: 'Reply STOP to opt out', zh: '回T退订' } as const;
const MENTIONS_OPT_OUT = /\b(stop|unsubscribe)\b|退订/i;

export function composeSms(input: {
  body: string;
  purpose: 'marketing' | 'transactional';
  locale: string | null;
  pricePerSegment: number;
}) {
  const hint = input.locale?.toLowerCase().startsWith('zh') ? OPT_OUT_HINT.zh : OPT_OUT_HINT.en;
  const body =
    input.purpose === 'marketing' && !MENTIONS_OPT_OUT.test(input.body)
      ? `${input.body}\n${hint}`
      : input.body;
  const segmentation = segmentSms(body);
  return {
    body,
    encoding: segmentation.encoding,
    segments: segmentation.segments,
    cost: smsCost(segmentation.segments, input.pricePerSegment),
    bodyHash: createHash('sha256').update(body).digest('hex'),
  };
}
