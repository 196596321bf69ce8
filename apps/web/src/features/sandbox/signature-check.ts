/**
 * Checks a Switchboard-Signature header (`t=…,v1=…`) against the raw body and an endpoint's secret, in the browser
 * (Web Crypto): the same computation the README's receiver snippet makes, without the age check, since the
 * sandbox shows old requests too.
 */
export async function signatureMatches(secret: string, body: string, header: string): Promise<boolean> {
  const parts = new Map(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = parts.get('t');
  const given = parts.get('v1');
  if (!timestamp || !given) return false;
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`)));
  const hex = Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return hex === given.toLowerCase();
}
