/**
 * Whether a state-changing request comes from our own pages. Browsers send Origin on every cross-site POST; a request
 * without Origin or Referer is not from a browser page, so it carries no ambient credentials worth forging.
 */
export function isSameOrigin(headers: Headers, publicUrl: string): boolean {
  const source = headers.get('origin') ?? refererOrigin(headers.get('referer'));
  if (source === null) return true;
  if (source === 'null') return false;
  const allowed = new Set([new URL(publicUrl).origin]);
  const host = headers.get('host');
  if (host) {
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  return allowed.has(source);
}

function refererOrigin(referer: string | null): string | null {
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}
