import type { Migration, MigrationQueries } from '../../data-source';

/** The secret an endpoint's last rotation replaced, and until when it still signs (SPEC §9.5). */
export class WebhookSecretRotation1795720000000 implements Migration {
  name = 'WebhookSecretRotation1795720000000';

  public async up(queryRunner: MigrationQueries): Promise<void> {
    await queryRunner.query(`ALTER TABLE "fulfillment"."webhook_endpoints" ADD "previous_secret" text`);
    await queryRunner.query(`ALTER TABLE "fulfillment"."webhook_endpoints" ADD "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: MigrationQueries): Promise<void> {
    await queryRunner.query(`ALTER TABLE "fulfillment"."webhook_endpoints" DROP COLUMN "previous_secret_expires_at"`);
    await queryRunner.query(`ALTER TABLE "fulfillment"."webhook_endpoints" DROP COLUMN "previous_secret"`);
  }
}
