import { describe, expect, it } from 'vitest';
import { mergedProfile } from './merge-contacts.ts';
import type { ContactRow } from '../profile/contact-row.ts';

const row = (over: Partial<ContactRow>): ContactRow => ({
  id: crypto.randomUUID(),
  workspace_id: 'w',
  email: null,
  phone: null,
  wechat_id: null,
  external_id: null,
  first_name: null,
  last_name: null,
  attributes: {},
  attribute_written_at: {},
  tags: [],
  lifecycle_stage: 'subscriber',
  owner_id: null,
  lead_score: 0,
  timezone: null,
  locale: null,
  do_not_contact: false,
  created_at: new Date('2026-01-01'),
  updated_at: new Date('2026-01-01'),
  ...over,
});

describe('merging contacts', () => {
  it('keeps the union of identities and tags, the furthest stage, the highest score, and any do-not-contact', () => {
    const survivor = row({
      email: 'li@example.cn',
      tags: ['newsletter'],
      lifecycle_stage: 'lead',
      lead_score: 20,
    });
    const absorbed = row({
      wechat_id: 'wxid_li',
      phone: '+8613800138000',
      tags: ['vip', 'newsletter'],
      lifecycle_stage: 'customer',
      lead_score: 5,
      do_not_contact: true,
    });
    expect(mergedProfile(survivor, [absorbed])).toMatchObject({
      email: 'li@example.cn',
      wechatId: 'wxid_li',
      phone: '+8613800138000',
      tags: ['newsletter', 'vip'],
      lifecycleStage: 'customer',
      leadScore: 20,
      doNotContact: true,
    });
  });

  it('prefers the survivor’s own identities and names, filling only gaps from the absorbed contacts', () => {
    const survivor = row({ email: 'a@example.com', first_name: 'Ana' });
    const absorbed = row({ email: 'b@example.com', first_name: 'Anna', last_name: 'López' });
    expect(mergedProfile(survivor, [absorbed])).toMatchObject({
      email: 'a@example.com',
      firstName: 'Ana',
      lastName: 'López',
    });
  });

  it('resolves attributes last-write-wins across several absorbed contacts', () => {
    const survivor = row({
      attributes: { plan: 'free' },
      attribute_written_at: { plan: '2026-01-01T00:00:00.000Z' },
    });
    const older = row({
      attributes: { plan: 'pro', city: 'Lyon' },
      attribute_written_at: { plan: '2025-12-01T00:00:00.000Z', city: '2025-12-01T00:00:00.000Z' },
    });
    const newer = row({
      attributes: { plan: 'team' },
      attribute_written_at: { plan: '2026-02-01T00:00:00.000Z' },
    });
    expect(mergedProfile(survivor, [older, newer]).attributes).toEqual({ plan: 'team', city: 'Lyon' });
  });
});
