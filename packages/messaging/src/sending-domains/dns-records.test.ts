import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkRecords, dkimPublicKeyValue, requiredRecords, type TxtResolver } from './dns-records.ts';

const { publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 1024,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const records = requiredRecords({
  domain: 'mail.acme.example',
  selector: 'sb202611',
  publicKeyPem: publicKey,
  spfMechanism: 'include:_spf.relay.example',
});
const dns =
  (answers: Record<string, string[][]>): TxtResolver =>
  (name) =>
    answers[name]
      ? Promise.resolve(answers[name])
      : Promise.reject(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }));

describe('sending domain DNS records', () => {
  it('lists SPF, DKIM and DMARC exactly as they must be published', () => {
    expect(records.map((r) => [r.kind, r.name])).toEqual([
      ['spf', 'mail.acme.example'],
      ['dkim', 'sb202611._domainkey.mail.acme.example'],
      ['dmarc', '_dmarc.mail.acme.example'],
    ]);
    expect(records[0]!.value).toBe('v=spf1 include:_spf.relay.example ~all');
    expect(records[1]!.value).toBe(`v=DKIM1; k=rsa; p=${dkimPublicKeyValue(publicKey)}`);
  });

  it('passes published records, joining TXT chunks as receivers do', async () => {
    const dkim = records[1]!.value;
    const checks = await checkRecords(
      records,
      dns({
        'mail.acme.example': [
          ['v=spf1 a mx include:_spf.relay.example -all'],
          ['google-site-verification=x'],
        ],
        'sb202611._domainkey.mail.acme.example': [[dkim.slice(0, 200), dkim.slice(200)]],
        '_dmarc.mail.acme.example': [['v=DMARC1; p=quarantine; rua=mailto:d@acme.example']],
      }),
    );
    expect(checks.map((c) => [c.kind, c.ok, c.problem])).toEqual([
      ['spf', true, null],
      ['dkim', true, null],
      ['dmarc', true, null],
    ]);
  });

  it('says what is wrong: missing include, two SPF records, a foreign DKIM key, no DMARC', async () => {
    const missing = await checkRecords(records, dns({ 'mail.acme.example': [['v=spf1 a mx ~all']] }));
    expect(missing.map((c) => c.problem)).toEqual([
      'The SPF record lacks include:_spf.relay.example',
      'No DKIM record at this name',
      'No DMARC record (v=DMARC1 …) found',
    ]);
    const wrong = await checkRecords(
      records,
      dns({
        'mail.acme.example': [['v=spf1 include:_spf.relay.example ~all'], ['v=spf1 a ~all']],
        'sb202611._domainkey.mail.acme.example': [
          ['v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'],
        ],
      }),
    );
    expect(wrong[0]!.problem).toMatch(/More than one SPF record/);
    expect(wrong[1]!.problem).toMatch(/not ours/);
  });
});
