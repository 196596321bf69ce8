/**
 * The DNS records a sending domain needs, exactly as they should be published, and the check of what DNS returns.
 * SPF authorises the servers that send for the domain, DKIM publishes our public key, DMARC tells receivers what to do
 * when both fail (start with p=none and reports, tighten later).
 */
export interface DnsRecord {
  kind: 'spf' | 'dkim' | 'dmarc';
  type: 'TXT';
  name: string;
  value: string;
}

export interface RecordCheck extends DnsRecord {
  ok: boolean;
  found: string[];
  problem: string | null;
}

export type TxtResolver = (name: string) => Promise<string[][]>;

/** The base64 body of a PEM public key, as DKIM's p= tag wants it. */
export const dkimPublicKeyValue = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

export function requiredRecords(input: {
  domain: string;
  selector: string;
  publicKeyPem: string;
  /** What SPF must include for the SMTP relay in use, e.g. "include:_spf.mailrelay.example"; default `a mx`. */
  spfMechanism: string;
}): DnsRecord[] {
  return [
    { kind: 'spf', type: 'TXT', name: input.domain, value: `v=spf1 ${input.spfMechanism} ~all` },
    {
      kind: 'dkim',
      type: 'TXT',
      name: `${input.selector}._domainkey.${input.domain}`,
      value: `v=DKIM1; k=rsa; p=${dkimPublicKeyValue(input.publicKeyPem)}`,
    },
    {
      kind: 'dmarc',
      type: 'TXT',
      name: `_dmarc.${input.domain}`,
      value: `v=DMARC1; p=none; rua=mailto:dmarc-reports@${input.domain}; adkim=r; aspf=r`,
    },
  ];
}

const tags = (record: string) =>
  new Map(
    record
      .split(';')
      .map((part) => part.trim().split('='))
      .filter((kv): kv is [string, ...string[]] => kv.length >= 2 && kv[0] !== undefined)
      .map(([k, ...v]) => [k.trim().toLowerCase(), v.join('=').replace(/\s+/g, '')]),
  );

function judge(record: DnsRecord, found: string[]): string | null {
  if (record.kind === 'spf') {
    const spf = found.filter((r) => r.toLowerCase().startsWith('v=spf1'));
    if (spf.length === 0) return 'No SPF record (v=spf1 …) found';
    if (spf.length > 1) return 'More than one SPF record: receivers treat that as an error; merge them';
    const wanted = record.value.split(' ').slice(1, -1);
    const missing = wanted.filter((m) => !spf[0]!.split(/\s+/).includes(m));
    return missing.length ? `The SPF record lacks ${missing.join(' ')}` : null;
  }
  if (record.kind === 'dkim') {
    const wanted = tags(record.value).get('p');
    if (found.length === 0) return 'No DKIM record at this name';
    return found.some((r) => tags(r).get('p') === wanted)
      ? null
      : 'A DKIM record exists but its public key (p=) is not ours';
  }
  const dmarc = found.find((r) => r.toLowerCase().startsWith('v=dmarc1'));
  if (!dmarc) return 'No DMARC record (v=DMARC1 …) found';
  return tags(dmarc).has('p') ? null : 'The DMARC record has no policy (p=)';
}

/** Looks every record up and says, per record, whether it passes and what is wrong. */
export async function checkRecords(records: DnsRecord[], resolveTxt: TxtResolver): Promise<RecordCheck[]> {
  return Promise.all(
    records.map(async (record) => {
      // Long TXT records arrive as several strings; receivers join them without separators.
      const found = await resolveTxt(record.name).then(
        (answers) => answers.map((chunks) => chunks.join('')),
        () => [] as string[],
      );
      const problem = judge(record, found);
      return { ...record, ok: problem === null, found, problem };
    }),
  );
}
