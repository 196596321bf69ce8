import { Migration } from '@mikro-orm/migrations';

/**
 * Suppression reasons accumulate: one row per address and reason, so an earlier unsubscribe can no longer hide a
 * later hard bounce, complaint or erasure (which block transactional mail too). The hash already includes the
 * identity kind, so (workspace, hash, reason) is the key, and it serves the gate's look-ups by workspace and hash.
 */
export class Migration20261205000000SuppressionReasons extends Migration {
  override up(): void {
    this.addSql(
      `alter table "suppressions" drop constraint "suppressions_workspace_id_identity_kind_value_hash_unique"`,
    );
    this.addSql(
      `alter table "suppressions" add constraint "suppressions_workspace_id_value_hash_reason_unique" unique ("workspace_id", "value_hash", "reason")`,
    );
  }

  override down(): void {
    // Back to one row per address: the strongest reason stays.
    this.addSql(
      `delete from "suppressions" s using "suppressions" o
       where s."workspace_id" = o."workspace_id" and s."value_hash" = o."value_hash" and s."id" <> o."id"
         and (array_position(array['erasure','complaint','bounce','unsubscribe'], s."reason"), s."id")
           > (array_position(array['erasure','complaint','bounce','unsubscribe'], o."reason"), o."id")`,
    );
    this.addSql(
      `alter table "suppressions" drop constraint "suppressions_workspace_id_value_hash_reason_unique"`,
    );
    this.addSql(
      `alter table "suppressions" add constraint "suppressions_workspace_id_identity_kind_value_hash_unique" unique ("workspace_id", "identity_kind", "value_hash")`,
    );
  }
}
