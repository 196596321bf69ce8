import type { LifecycleStage } from '../traits/lifecycle.ts';

/** A contacts row as raw SQL returns it (snake_case columns). */
export interface ContactRow {
  id: string;
  workspace_id: string;
  email: string | null;
  phone: string | null;
  wechat_id: string | null;
  external_id: string | null;
  first_name: string | null;
  last_name: string | null;
  attributes: Record<string, unknown>;
  attribute_written_at: Record<string, string>;
  tags: string[];
  lifecycle_stage: LifecycleStage;
  owner_id: string | null;
  lead_score: number;
  timezone: string | null;
  locale: string | null;
  do_not_contact: boolean;
  created_at: Date;
  updated_at: Date;
}

export const IDENTITY_COLUMNS = {
  email: 'email',
  phone: 'phone',
  wechatId: 'wechat_id',
  externalId: 'external_id',
} as const;

/** The public shape of a contact (REST and tRPC). */
export function contactView(row: ContactRow) {
  return {
    id: row.id,
    email: row.email,
    phone: row.phone,
    wechatId: row.wechat_id,
    externalId: row.external_id,
    firstName: row.first_name,
    lastName: row.last_name,
    attributes: row.attributes,
    tags: row.tags,
    lifecycleStage: row.lifecycle_stage,
    ownerId: row.owner_id,
    leadScore: row.lead_score,
    timezone: row.timezone,
    locale: row.locale,
    doNotContact: row.do_not_contact,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
export type ContactView = ReturnType<typeof contactView>;
