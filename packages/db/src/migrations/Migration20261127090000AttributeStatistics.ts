import { Migration } from '@mikro-orm/migrations';

const CREATE_FOR = (key: string) =>
  `execute format('create statistics if not exists %I on ((attributes ->> %L)) from contacts', 'contacts_attribute_' || md5(${key}), ${key})`;

/**
 * PostgreSQL knows nothing about values inside `contacts.attributes`, so it guessed every "plan = pro" condition
 * keeps 0.5 % of contacts, and chose per-contact probes where a hash join was ten times cheaper (a segment over 1M
 * contacts where a quarter are on the plan). Each custom field now gets expression statistics on the value segments
 * compare — created when the field is first defined, however that happens (settings, inferred by identify or an
 * import, the demo seed); ANALYZE (autovacuum, or the migration's) fills them. One statistics object per key, shared
 * by the workspaces that use it.
 */
export class Migration20261127090000AttributeStatistics extends Migration {
  override up(): void {
    this
      .addSql(`create or replace function attribute_definitions_statistics() returns trigger language plpgsql as $$
      begin
        ${CREATE_FOR('new.key')};
        return null;
      end $$`);
    this.addSql(`create trigger attribute_definitions_statistics after insert on attribute_definitions
      for each row execute function attribute_definitions_statistics()`);
    this.addSql(`do $$ declare k text; begin
      for k in select distinct key from attribute_definitions loop ${CREATE_FOR('k')}; end loop;
    end $$`);
    this.addSql('analyze contacts');
  }

  override down(): void {
    this.addSql('drop trigger attribute_definitions_statistics on attribute_definitions');
    this.addSql('drop function attribute_definitions_statistics()');
    this.addSql(`do $$ declare s text; begin
      for s in select stxname from pg_statistic_ext where stxname like 'contacts_attribute_%' loop
        execute format('drop statistics %I', s);
      end loop;
    end $$`);
  }
}
