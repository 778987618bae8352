import type { Migration, MigrationQueries } from '../../data-source';

/**
 * Webhook endpoints' secrets (current and previous) are stored sealed (SecretBox, SECRETS_KEY).
 * Said in the schema; the rows are sealed by order-fulfillment at start (WebhookSecretsSealing),
 * since a migration holds no key, and reads take the plaintext of older rows until then.
 */
export class SealedWebhookSecrets1795730000000 implements Migration {
  name = 'SealedWebhookSecrets1795730000000';

  public async up(queryRunner: MigrationQueries): Promise<void> {
    for (const column of ['secret', 'previous_secret']) {
      await queryRunner.query(`COMMENT ON COLUMN "fulfillment"."webhook_endpoints"."${column}" IS 'sealed with SECRETS_KEY (AES-256-GCM): enc:v1:<key id>:<base64url>'`);
    }
  }

  public async down(queryRunner: MigrationQueries): Promise<void> {
    for (const column of ['secret', 'previous_secret']) {
      await queryRunner.query(`COMMENT ON COLUMN "fulfillment"."webhook_endpoints"."${column}" IS NULL`);
    }
  }
}
