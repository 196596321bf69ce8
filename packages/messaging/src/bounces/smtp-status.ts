/** An SMTP failure found in free text: the RFC 3463 status and the line it was read from. */
export interface SmtpFailure {
  status: string;
  line: string;
}

// The lookarounds stop IP addresses (10.4.5.6), versions and dates (5.7.2024) from passing for a status.
const ENHANCED = String.raw`[45]\.\d{1,3}\.\d{1,3}(?!\.?\d)`;
/** "550 5.1.1", "550-5.1.1", "#550 5.1.1": the most reliable form, so it is looked for first. */
const REPLY_WITH_STATUS = new RegExp(String.raw`(?<![\w.])[45][0-5]\d[ -]+#?(${ENHANCED})`);
/** "<mx.example.com #5.1.1>" (Exchange) or a status quoted on its own. */
const STATUS_ONLY = new RegExp(String.raw`(?<![\w.])(${ENHANCED})`);
/** A bare reply code where servers put one: at the start of a line, or after "said:" / "returned". */
const REPLY_ONLY = /(?:^|said:|returned)[ \t<>'"]*([45][0-5]\d)(?=[ \t:-]|$)/im;

// RFC 3463 subjects for the two failures a bare reply code most often stands for.
const MAILBOX_FULL = /mailbox (?:is )?full|over ?quota|quota exceeded|exceeded storage|insufficient storage/i;
const NO_SUCH_USER =
  /user unknown|unknown user|no such user|does not exist|doesn't exist|not found|invalid recipient|no mailbox/i;

/** Finds the SMTP failure a non-standard bounce reports, preferring enhanced status codes over bare ones. */
export function findSmtpFailure(text: string): SmtpFailure | null {
  const lines = text.split(/\r?\n/);
  return (
    firstMatch(lines, REPLY_WITH_STATUS, (m) => m) ??
    firstMatch(lines, STATUS_ONLY, (m) => m) ??
    firstMatch(lines, REPLY_ONLY, statusFromReplyCode)
  );
}

/** The RFC 3463 status in a DSN Status field, tolerating the comments some MTAs append. */
export function statusFromField(value: string | null): string | null {
  return value === null ? null : (/(?<![\w.])([245]\.\d{1,3}\.\d{1,3})(?!\.?\d)/.exec(value)?.[1] ?? null);
}

/** A delay is soft whatever its code; otherwise persistent transient (4.x.x) failures are soft. */
export function severityOf(status: string, action: string): 'hard' | 'soft' {
  return action === 'delayed' || status.startsWith('4') ? 'soft' : 'hard';
}

function firstMatch(
  lines: string[],
  pattern: RegExp,
  toStatus: (code: string, line: string) => string,
): SmtpFailure | null {
  for (const line of lines) {
    const code = pattern.exec(line)?.[1];
    if (code) return { status: toStatus(code, line), line: line.trim() };
  }
  return null;
}

/** Maps a bare reply code (552) to the closest enhanced status, using the reply text for the detail. */
function statusFromReplyCode(code: string, line: string): string {
  const statusClass = code.charAt(0);
  // RFC 5321 defines 552 as "exceeded storage allocation", i.e. a full mailbox.
  if (code === '552' || MAILBOX_FULL.test(line)) return `${statusClass}.2.2`;
  if (NO_SUCH_USER.test(line)) return `${statusClass}.1.1`;
  return `${statusClass}.0.0`;
}
