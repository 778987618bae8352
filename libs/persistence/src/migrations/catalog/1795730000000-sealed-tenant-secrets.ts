import type { Migration, MigrationQueries } from '../../data-source';

/**
 * Tenants' jwt, hmac and webhook secrets are stored sealed (SecretBox, SECRETS_KEY); the API key
 * stays a hash. Said in the schema, for whoever reads these columns with psql. The rows
 * themselves are sealed by rewards-catalog at start (TenantSecretsSealing): a migration holds no
 * key, and reads take the plaintext of older rows until then.
 */
export class SealedTenantSecrets1795730000000 implements Migration {
  name = 'SealedTenantSecrets1795730000000';

  public async up(queryRunner: MigrationQueries): Promise<void> {
    for (const column of ['jwt_secret', 'hmac_secret', 'webhook_secret']) {
      await queryRunner.query(`COMMENT ON COLUMN "catalog"."tenants"."${column}" IS 'sealed with SECRETS_KEY (AES-256-GCM): enc:v1:<key id>:<base64url>'`);
    }
  }

  public async down(queryRunner: MigrationQueries): Promise<void> {
    for (const column of ['jwt_secret', 'hmac_secret', 'webhook_secret']) {
      await queryRunner.query(`COMMENT ON COLUMN "catalog"."tenants"."${column}" IS NULL`);
    }
  }
}
