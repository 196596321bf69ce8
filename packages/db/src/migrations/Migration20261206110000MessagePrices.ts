import { Migration } from '@mikro-orm/migrations';

/** What an email and a WeChat message cost (the SMS price per segment already exists), for ROI in reports. */
export class Migration20261206110000MessagePrices extends Migration {
  override up(): void {
    this.addSql(
      `alter table "messaging_policies" add column "email_price_per_thousand" numeric(10,5) not null default 0.1, add column "wechat_price_per_message" numeric(10,5) not null default 0`,
    );
  }

  override down(): void {
    this.addSql(
      `alter table "messaging_policies" drop column "email_price_per_thousand", drop column "wechat_price_per_message"`,
    );
  }
}
