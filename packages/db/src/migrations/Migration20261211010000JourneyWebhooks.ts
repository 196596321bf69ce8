import { Migration } from '@mikro-orm/migrations';

const GUARD = `if not exists (select 1 from webhook_endpoints where enabled) then return null; end if;`;
const QUEUE = (changes: string) => `
  insert into webhook_deliveries (endpoint_id, workspace_id, event_id, type, contact_id, payload, next_attempt_at, created_at)
  select e.id, c.workspace_id, gen_random_uuid(), c.type, c.contact_id, c.payload, now(), now()
  from (${changes}) c
  join webhook_endpoints e on e.workspace_id = c.workspace_id and e.enabled and c.type = any(e.event_types)
  order by c.ord`;
const INSTANCE_JSON = (row: string) => `jsonb_build_object('contactId', ${row}.contact_id,
  'journeyId', ${row}.journey_id, 'journeyName', j.name, 'instanceId', ${row}.id, 'key', nullif(${row}.key, ''),
  'status', ${row}.status, 'step', ${row}.current_node, 'endReason', ${row}.end_reason)`;

/**
 * Journey webhooks: `journey.entered` when an instance is admitted, `journey.ended` when it leaves `active`
 * (completed, converted by a goal, exited, failed), queued like the others in the writer's transaction.
 */
export class Migration20261211010000JourneyWebhooks extends Migration {
  override up(): void {
    this.addSql(`create function webhooks_from_new_journey_instances() returns trigger language plpgsql as $$
      begin
        ${GUARD}
        ${QUEUE(`
          select row_number() over (order by n.entered_at) as ord, n.workspace_id, n.contact_id,
            'journey.entered' as type, ${INSTANCE_JSON('n')} as payload
          from new_rows n join journeys j on j.id = n.journey_id`)};
        return null;
      end $$`);
    this.addSql(`create trigger webhooks_from_new_journey_instances after insert on journey_instances
      referencing new table as new_rows for each statement execute function webhooks_from_new_journey_instances()`);
    this
      .addSql(`create function webhooks_from_ended_journey_instances() returns trigger language plpgsql as $$
      begin
        ${GUARD}
        ${QUEUE(`
          select row_number() over () as ord, n.workspace_id, n.contact_id, 'journey.ended' as type,
            ${INSTANCE_JSON('n')} as payload
          from new_rows n join old_rows o on o.id = n.id join journeys j on j.id = n.journey_id
          where o.status = 'active' and n.status <> 'active'`)};
        return null;
      end $$`);
    this.addSql(`create trigger webhooks_from_ended_journey_instances after update on journey_instances
      referencing old table as old_rows new table as new_rows for each statement
      execute function webhooks_from_ended_journey_instances()`);
  }

  override down(): void {
    this.addSql(`drop trigger if exists webhooks_from_ended_journey_instances on journey_instances`);
    this.addSql(`drop trigger if exists webhooks_from_new_journey_instances on journey_instances`);
    this.addSql(`drop function if exists webhooks_from_ended_journey_instances()`);
    this.addSql(`drop function if exists webhooks_from_new_journey_instances()`);
  }
}
