/**
 * One CSV cell (RFC 4180 quoting). Text starting with = + - @, a tab or a carriage return is prefixed with a single
 * quote so spreadsheets show it instead of running it as a formula (CSV injection).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
        ? String(value)
        : Array.isArray(value)
          ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('; ')
          : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (cells: unknown[]) => cells.map(csvCell).join(',') + '\r\n';
