/**
 * Classification of inbound SMS replies into the compliance keywords carriers expect us to honour (CTIA / TCPA in
 * the US, "回T退订" in China). Opt-outs err towards recall for clear requests, but only when a stop verb is tied to
 * messaging, so everyday uses of "stop" or "end" are not mistaken for revoking consent.
 */

export type SmsKeyword =
  | { kind: 'opt_out'; keyword: string; scope: 'all' }
  | { kind: 'opt_in'; keyword: string }
  | { kind: 'help'; keyword: string }
  | { kind: 'none' };

/** Single-word replies, compared after normalisation (see `keywordKey`). */
const OPT_OUT_KEYWORDS = [
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'REVOKE',
  'OPTOUT',
  '退订',
  'TD',
  'T',
  '取消订阅',
];
const OPT_IN_KEYWORDS = ['START', 'UNSTOP', 'YES', 'SUBSCRIBE'];
const HELP_KEYWORDS = ['HELP', 'INFO', '帮助'];

/** Free-text requests are only looked for in short replies; long messages are conversations for a human. */
const FREE_TEXT_MAX_CHARS = 160;

/** Punctuation, symbols (emoji included), separators and format characters (ZWJ, variation selectors, keycaps). */
const EDGE_NOISE =
  /^[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}\uFE0F\u20E3]+|[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}\uFE0F\u20E3]+$/gu;

/** NFKC folds full-width letters (ＳＴＯＰ) and compatibility forms; curly apostrophes become ASCII for the patterns. */
function normalize(body: string): string {
  return body
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02BC`´]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(EDGE_NOISE, '');
}

/** "Opt-out", "opt out" and "STOP ALL" are sent as often as the joined forms, so separators are ignored. */
function keywordKey(normalized: string): string {
  return normalized.replace(/[\s_-]+/g, '');
}

function findKeyword(list: string[], key: string): string | undefined {
  return list.find((keyword) => keyword.toLowerCase() === key);
}

function classifyExact(normalized: string): SmsKeyword | null {
  const key = keywordKey(normalized);
  const optOut = findKeyword(OPT_OUT_KEYWORDS, key);
  if (optOut) return { kind: 'opt_out', keyword: optOut, scope: 'all' };
  const optIn = findKeyword(OPT_IN_KEYWORDS, key);
  if (optIn) return { kind: 'opt_in', keyword: optIn };
  const help = findKeyword(HELP_KEYWORDS, key);
  if (help) return { kind: 'help', keyword: help };
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// English free text: (stop-verb phrase) + (messaging object or recipient).
// ---------------------------------------------------------------------------------------------------------------

const STOP_VERB = String.raw`(?:stop|quit|cease|discontinue)`;
/** Nouns that make the object of a stop verb about messaging ("stop the texts"), unlike "stop by" or "stop smiling". */
const MSG_NOUN = String.raw`(?:texts?|txts?|messages?|msgs?|sms(?:es)?|notifications?|alerts?|spam|promos?|promotions?|marketing|ads)`;
const MSG_NOUN_PLURAL = String.raw`(?:texts|txts|messages|msgs|sms(?:es)?|notifications|alerts|spam|promos|promotions|ads)`;
/** Who the messages go to: "me", "my number". */
const RECIPIENT = String.raw`(?:me|us|my (?:cell |mobile |phone )?(?:phone|number|cell|mobile)|this (?:phone|number))`;
/** Gerunds that are messaging on their own ("stop texting"). */
const MSG_GERUND = String.raw`(?:texting|txting|messaging|msging|smsing|spamming|contacting)`;
/** Gerunds that need a recipient or messaging noun after them ("stop sending me …", not "stop sending the parcel"). */
const SEND_GERUND = String.raw`(?:sending|calling|emailing|bothering|harassing|receiving|getting)`;
/** Words allowed between a verb and its object; a closed list keeps "stop sending the parcel to me" out. */
const FILLER = String.raw`(?:(?:me|us|any|more|anymore|these|those|this|that|the|your|ur|all|such|of|them|promotional|marketing|annoying|stupid|text|sms) )`;
const MSG_VERB = String.raw`(?:text|txt|message|msg|sms|contact|spam|call|email)`;
/** Negation that flips a stop phrase ("don't stop sending me deals"); "can't you stop …" is still a request. */
const NEGATION = /\b(?:don'?t|do not|never|can'?t|cannot|can not|won'?t|will not|wouldn'?t|not)\b(?! you)/;
const NEGATION_WORDS = String.raw`(?:don'?t|do not|never)`;
const CLOSING = String.raw`(?= ?(?:[.!?,;]|again|anymore|any more|ever|please|pls|plz|thanks|thank you|$))`;

interface FreeTextRule {
  pattern: RegExp;
  /** Rules built on a stop verb must check the clause for negation; rules built on negation must not. */
  negatable: boolean;
}

const rx = (source: string): RegExp => new RegExp(source, 'u');

const ENGLISH_RULES: FreeTextRule[] = [
  // "please stop texting me", "stop messaging"
  { pattern: rx(String.raw`\b${STOP_VERB} ${MSG_GERUND}\b`), negatable: true },
  // "stop sending me messages", "I want to stop getting these texts"
  {
    pattern: rx(String.raw`\b${STOP_VERB} ${SEND_GERUND} ${FILLER}{0,3}(?:${RECIPIENT}|${MSG_NOUN})\b`),
    negatable: true,
  },
  // "stop sending", "stop sending this" — nothing after it that could be a parcel or an invoice
  {
    pattern: rx(String.raw`\b${STOP_VERB} sending(?: (?:this|these|that|them|it|stuff|crap))?${CLOSING}`),
    negatable: true,
  },
  // "stop the texts", "stop all messages"
  { pattern: rx(String.raw`\b${STOP_VERB} ${FILLER}{0,3}${MSG_NOUN}\b`), negatable: true },
  // "don't text me anymore", "never contact me again" (but not "don't text me before 9")
  {
    pattern: rx(String.raw`\b${NEGATION_WORDS} (?:ever )?${MSG_VERB} ${RECIPIENT}${CLOSING}`),
    negatable: false,
  },
  // "don't send me any more texts"
  {
    pattern: rx(String.raw`\b${NEGATION_WORDS} (?:ever )?send ${FILLER}{0,3}${MSG_NOUN}\b`),
    negatable: false,
  },
  // "I don't want your messages", "I don't want to receive texts"
  {
    pattern: rx(
      String.raw`\b(?:don'?t|do not) want (?:to (?:receive|get) )?${FILLER}{0,3}${MSG_NOUN_PLURAL}\b`,
    ),
    negatable: false,
  },
  // "no more texts"
  { pattern: rx(String.raw`\bno more ${FILLER}{0,2}(?:${MSG_NOUN}|${MSG_GERUND})\b`), negatable: false },
  // "remove me from your list", "take my number off your text list"
  {
    pattern: rx(
      String.raw`\b(?:remove|take|delete|drop) ${RECIPIENT} (?:off|from|out of) (?:of )?(?:your |the |this |ur |all |all your |these )?(?:[\p{L}-]+ )?(?:list|lists|database|contacts|system)\b`,
    ),
    negatable: true,
  },
  // "unsubscribe me", "opt me out"
  { pattern: rx(String.raw`\b(?:unsubscribe|unsub|opt ?-?out) ${RECIPIENT}\b`), negatable: true },
  { pattern: rx(String.raw`\bopt ${RECIPIENT} out\b`), negatable: true },
  // "I want to unsubscribe", "how do I opt out", "I'd like to stop receiving these"
  {
    pattern: rx(
      String.raw`\b(?:want|wanna|wish|like|need|trying|try|how (?:do|can) i|let me) (?:to )?(?:unsubscribe|unsub|opt ?-?out)\b`,
    ),
    negatable: true,
  },
];

/** A clause made only of these (plus filler) is an opt-out: "Wrong number. STOP", "ok stop please", "stop stop". */
const CLAUSE_KEYWORDS = new Set(['stop', 'stopall', 'unsubscribe', 'unsub', 'optout']);
/** Politeness and pronouns that do not change a bare "stop": "stop it", "please stop now". */
const CLAUSE_FILLER = /\b(?:please|pls|plz|now|ok|okay|thanks|thank you|thx|just|all|it|this)\b/g;
const CLAUSE_SPLIT = /[.!?,;:\n。！？，；：]+/u;

function clauseBefore(text: string, index: number): string {
  const parts = text.slice(0, index).split(CLAUSE_SPLIT);
  return parts[parts.length - 1] ?? '';
}

function matchRule(text: string, rule: FreeTextRule): string | null {
  const match = rule.pattern.exec(text);
  if (!match) return null;
  if (rule.negatable && NEGATION.test(clauseBefore(text, match.index))) return null;
  return match[0];
}

function isKeywordClause(clause: string): boolean {
  const core = clause.replace(CLAUSE_FILLER, ' ').trim();
  if (!core) return false;
  // Either the whole clause joins into a keyword ("opt out") or every word is one ("stop stop stop").
  return (
    CLAUSE_KEYWORDS.has(keywordKey(core)) || core.split(/\s+/).every((word) => CLAUSE_KEYWORDS.has(word))
  );
}

function matchStandaloneClause(text: string): string | null {
  const clause = text.split(CLAUSE_SPLIT).find(isKeywordClause);
  return clause === undefined ? null : clause.trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Chinese free text: (negation or 停止 + optional 再/给我) + (send verb + messaging object or sentence end).
// ---------------------------------------------------------------------------------------------------------------

const ZH_MSG_NOUN = '(?:短信|信息|消息|广告|推送|垃圾短信|营销短信)';
const ZH_DETERMINER = '(?:这些|这种|这类|此类|任何)?';
/**
 * 发送/推送/群发 are about messages on their own. Bare 发 must be followed by a messaging noun, 了 or the end, so
 * 不要发货 ("don't ship it") is not an opt-out.
 */
const ZH_SEND = `(?:发送|推送|群发|发(?:${ZH_DETERMINER}${ZH_MSG_NOUN}|了|给我|过来|$))`;
const ZH_RULES: RegExp[] = [
  // 不要再发了, 别再给我发短信, 请勿再发送
  rx(`(?:不要|别|勿|请勿|不用|不准|不许)再?(?:给我|向我|跟我|对我|往我这)?${ZH_SEND}`),
  // 停止发送, 停止给我发短信
  rx(`停止(?:给我|向我)?(?:发送|推送|发${ZH_MSG_NOUN})`),
  // 不想再收到你们的短信
  rx(`(?:不想|不愿意?|不要|别)再?(?:收到|接收|接到|收)(?:你们|你)?的?${ZH_DETERMINER}${ZH_MSG_NOUN}`),
  // 别再打扰我了, 请勿打扰
  rx('(?:不要|别|请勿|勿)再?(?:打扰|骚扰)(?:我|了|$)'),
  // 我要退订 / 怎么取消订阅 — but not 不要退订
  rx('(?<![不别没未](?:要|想|用)?)(?:退订|退定|取消订阅)'),
];

function matchChinese(text: string): string | null {
  for (const pattern of ZH_RULES) {
    const match = pattern.exec(text);
    if (match) return match[0];
  }
  return null;
}

function classifyFreeText(normalized: string): SmsKeyword | null {
  if (Array.from(normalized).length > FREE_TEXT_MAX_CHARS) return null;
  const phrase =
    matchStandaloneClause(normalized) ??
    ENGLISH_RULES.reduce<string | null>((found, rule) => found ?? matchRule(normalized, rule), null) ??
    matchChinese(normalized);
  return phrase ? { kind: 'opt_out', keyword: phrase, scope: 'all' } : null;
}

/**
 * Classifies an inbound SMS body.
 *
 * Exact keywords (whole message, case- and width-insensitive, trailing punctuation/emoji ignored) return the
 * canonical keyword, e.g. `STOP` or `退订`. Free-text opt-outs return the matched phrase (normalised, lower case)
 * as `keyword`, so audit logs show why the message was read as an opt-out.
 */
export function classifySmsKeyword(body: string): SmsKeyword {
  const normalized = normalize(body);
  if (!normalized) return { kind: 'none' };
  return classifyExact(normalized) ?? classifyFreeText(normalized) ?? { kind: 'none' };
}
