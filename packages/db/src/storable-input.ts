/**
 * PostgreSQL's text and jsonb cannot hold a NUL character or an unpaired UTF-16 surrogate (it refuses the whole
 * statement), and a JSON number like 1e309 arrives as Infinity, which jsonb silently turns into null. Input from the
 * outside is checked against this once, where it enters (REST bodies, tRPC inputs, query strings), so a bad value
 * gets its own 400 naming the field instead of failing a shared statement for other callers.
 */
export const MAX_INPUT_DEPTH = 32;

export interface UnstorableInput {
  /** Dotted path of the offending value ('' for the whole input), as validation errors name fields. */
  path: string;
  message: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why this text cannot be stored, or null when it can. */
export function unstorableTextReason(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it holds an unpaired surrogate)';
  return null;
}

/**
 * The first value in a parsed JSON input that cannot be stored as sent: text (values and keys) PostgreSQL refuses,
 * numbers that are not finite, or nesting deeper than MAX_INPUT_DEPTH (which would also exhaust the stack of
 * recursive code further in). Iterative, so hostile nesting cannot overflow the stack here either.
 */
export function findUnstorableInput(input: unknown, maxDepth = MAX_INPUT_DEPTH): UnstorableInput | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: input, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    const at = path.join('.');
    if (typeof value === 'string') {
      const reason = unstorableTextReason(value);
      if (reason) return { path: at, message: reason };
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) return { path: at, message: 'must be a finite number' };
    } else if (value !== null && typeof value === 'object') {
      if (path.length >= maxDepth) return { path: at, message: `is nested deeper than ${maxDepth} levels` };
      if (Array.isArray(value))
        value.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      else
        for (const [key, item] of Object.entries(value)) {
          const reason = unstorableTextReason(key);
          if (reason) return { path: at, message: `has a key that ${reason}` };
          stack.push({ value: item, path: [...path, key] });
        }
    }
  }
  return null;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Bytes as UTF-8 text, or null when they are not valid UTF-8 (instead of silently replacing them with U+FFFD). */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Text received from outside that we must keep rather than refuse (a reply, a bounce's diagnostic): every NUL and
 * unpaired surrogate becomes U+FFFD, the replacement character, so one bad byte never loses the whole message.
 */
export function storableText(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
}
