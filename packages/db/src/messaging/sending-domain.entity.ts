import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';

/**
 * A domain mail is sent from: its DKIM key pair (the private key signs, the public key is the DNS record to publish),
 * the last DNS verification per record, and when its warm-up started (daily sending ramps up from there).
 */
export const SendingDomain = defineEntity({
  name: 'SendingDomain',
  tableName: 'sending_domains',
  uniques: [{ properties: ['workspace', 'domain'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    domain: p.string().length(253),
    dkimSelector: p.string().length(63),
    dkimPrivateKey: p.text().lazy(),
    dkimPublicKey: p.text(),
    checks: p.json<Record<string, unknown>>().default('{}'),
    verifiedAt: p.datetime().nullable(),
    checkedAt: p.datetime().nullable(),
    warmupStartedAt: p.datetime().nullable(),
    createdAt: p.datetime(),
  },
});
export type SendingDomain = InferEntity<typeof SendingDomain>;
