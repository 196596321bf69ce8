import type { EntityManager } from '@switchboard/db';
import { validationError } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';
import { checkBusinessHours, type BusinessHours } from '../sla/business-time.ts';
import type { SlaPolicy } from '../sla/sla-targets.ts';

export interface InboxSettingsView {
  autoAssign: boolean;
  reassignWhenOffline: boolean;
  /** Targets in business minutes (null: none). */
  slaFirstResponseMinutes: number | null;
  slaNextResponseMinutes: number | null;
  slaResolutionMinutes: number | null;
  businessHours: BusinessHours | null;
  csatEnabled: boolean;
}

interface SettingsRow {
  auto_assign: boolean;
  reassign_when_offline: boolean;
  sla_first_response_minutes: number | null;
  sla_next_response_minutes: number | null;
  sla_resolution_minutes: number | null;
  business_hours: BusinessHours | null;
  csat_enabled: boolean;
}

export const DEFAULT_INBOX_SETTINGS: InboxSettingsView = {
  autoAssign: true,
  reassignWhenOffline: false,
  slaFirstResponseMinutes: null,
  slaNextResponseMinutes: null,
  slaResolutionMinutes: null,
  businessHours: null,
  csatEnabled: true,
};

export async function loadInboxSettings(em: EntityManager, workspaceId: string): Promise<InboxSettingsView> {
  const [row] = await sql<SettingsRow>(em, 'select * from inbox_settings where workspace_id = ?', [
    workspaceId,
  ]);
  if (!row) return DEFAULT_INBOX_SETTINGS;
  return {
    autoAssign: row.auto_assign,
    reassignWhenOffline: row.reassign_when_offline,
    slaFirstResponseMinutes: row.sla_first_response_minutes,
    slaNextResponseMinutes: row.sla_next_response_minutes,
    slaResolutionMinutes: row.sla_resolution_minutes,
    businessHours: row.business_hours,
    csatEnabled: row.csat_enabled,
  };
}

export const slaPolicyOf = (settings: InboxSettingsView): SlaPolicy => ({
  firstResponseMinutes: settings.slaFirstResponseMinutes,
  nextResponseMinutes: settings.slaNextResponseMinutes,
  resolutionMinutes: settings.slaResolutionMinutes,
  businessHours: settings.businessHours,
});

function checkMinutes(field: string, value: number | null): void {
  if (value !== null && (!Number.isInteger(value) || value < 1 || value > 60 * 24 * 90))
    throw validationError(
      field,
      'A target is a whole number of minutes from 1 to 129,600 (90 days), or empty',
    );
}

export async function saveInboxSettings(
  em: EntityManager,
  workspaceId: string,
  settings: InboxSettingsView,
): Promise<InboxSettingsView> {
  checkMinutes('slaFirstResponseMinutes', settings.slaFirstResponseMinutes);
  checkMinutes('slaNextResponseMinutes', settings.slaNextResponseMinutes);
  checkMinutes('slaResolutionMinutes', settings.slaResolutionMinutes);
  let hours: BusinessHours | null;
  try {
    hours = settings.businessHours ? checkBusinessHours(settings.businessHours) : null;
  } catch (error) {
    throw validationError('businessHours', (error as Error).message);
  }
  await sql(
    em,
    `insert into inbox_settings (workspace_id, auto_assign, reassign_when_offline, sla_first_response_minutes,
       sla_next_response_minutes, sla_resolution_minutes, business_hours, csat_enabled)
     values (?, ?, ?, ?, ?, ?, ?::jsonb, ?)
     on conflict (workspace_id) do update set auto_assign = excluded.auto_assign,
       reassign_when_offline = excluded.reassign_when_offline,
       sla_first_response_minutes = excluded.sla_first_response_minutes,
       sla_next_response_minutes = excluded.sla_next_response_minutes,
       sla_resolution_minutes = excluded.sla_resolution_minutes, business_hours = excluded.business_hours,
       csat_enabled = excluded.csat_enabled`,
    [
      workspaceId,
      settings.autoAssign,
      settings.reassignWhenOffline,
      settings.slaFirstResponseMinutes,
      settings.slaNextResponseMinutes,
      settings.slaResolutionMinutes,
      hours ? JSON.stringify(hours) : null,
      settings.csatEnabled,
    ],
  );
  return { ...settings, businessHours: hours };
}
