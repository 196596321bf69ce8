/** RFC 822-style fields keyed by lowercased name. Values are unfolded but not RFC 2047-decoded. */
export type Fields = Record<string, string>;

// Field names are printable ASCII except the colon (RFC 5322 section 2.2).
const FIELD_LINE = /^([!-9;-~]+)[ \t]*:[ \t]*(.*)$/;

/**
 * Splits text made of field groups separated by blank lines, as in a message/delivery-status part, into one
 * record per group. Lines that are neither fields nor continuations are skipped rather than rejected, because
 * reports in the wild are often slightly malformed and the fields that do parse are still worth having.
 */
export function parseFieldGroups(text: string): Fields[] {
  const groups: Fields[] = [];
  let group = new Map<string, string>();
  let lastName: string | null = null;
  const closeGroup = (): void => {
    if (group.size > 0) groups.push(toFields(group));
    group = new Map();
    lastName = null;
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      closeGroup();
    } else if (/^[ \t]/.test(line)) {
      if (lastName !== null) group.set(lastName, `${group.get(lastName) ?? ''} ${line.trim()}`.trim());
    } else {
      lastName = addField(group, line);
    }
  }
  closeGroup();
  return groups;
}

/** The header section of a message or of a text/rfc822-headers part: the first field group. */
export function parseHeaderSection(text: string): Fields {
  return parseFieldGroups(text)[0] ?? {};
}

/** Reads a field without falling through to Object.prototype members for names like "constructor". */
export function field(fields: Fields, name: string): string | null {
  return Object.hasOwn(fields, name) ? (fields[name] ?? null) : null;
}

/** Returns the lowercased name of the field started by `line`, or null when the line is not a field. */
function addField(group: Map<string, string>, line: string): string | null {
  const match = FIELD_LINE.exec(line);
  if (!match) return null;
  const name = (match[1] ?? '').toLowerCase();
  // The first occurrence wins: for Received and DSN fields that is the one closest to the reporter.
  if (group.has(name)) return null;
  group.set(name, (match[2] ?? '').trim());
  return name;
}

// Object.fromEntries defines own properties, so a "__proto__" field cannot reach the prototype.
function toFields(group: Map<string, string>): Fields {
  return Object.fromEntries(group);
}
