import type { Migration, MigrationQueries } from '../../data-source';

export class InitCatalog1795615543093 implements Migration {
    name = 'InitCatalog1795615543093'

    public async up(queryRunner: MigrationQueries): Promise<void> {
        await queryRunner.query(`CREATE TABLE "catalog"."idempotency_records" ("tenant_id" text NOT NULL, "user_id" text NOT NULL, "operation" text NOT NULL, "key" text NOT NULL, "fingerprint" character(64) NOT NULL, "outcome" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bd5a562e925cb50f4070823c39f" PRIMARY KEY ("tenant_id", "user_id", "operation", "key"))`);
        await queryRunner.query(`CREATE INDEX "idempotency_records_by_age" ON "catalog"."idempotency_records" ("created_at") `);
        await queryRunner.query(`CREATE TABLE "catalog"."tenants" ("id" text NOT NULL, "name" text NOT NULL, "api_key_hash" character(64) NOT NULL, "jwt_secret" text NOT NULL, "hmac_secret" text NOT NULL, "webhook_secret" text NOT NULL, "allowed_origins" jsonb NOT NULL DEFAULT '[]', "settings" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_eef66d09202c45892095aec455a" UNIQUE ("api_key_hash"), CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "catalog"."wallet_balances" ("tenant_id" text NOT NULL, "user_id" text NOT NULL, "asset" text NOT NULL, "currency" text NOT NULL, "balance" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "wallet_balances_badge_once" CHECK ("asset" <> 'badge' OR "balance" <= 1), CONSTRAINT "wallet_balances_asset" CHECK ("asset" IN ('currency', 'xp', 'badge')), CONSTRAINT "wallet_balances_non_negative" CHECK ("balance" >= 0), CONSTRAINT "PK_65324b529b8c3ff3dacc731b553" PRIMARY KEY ("tenant_id", "user_id", "asset", "currency"))`);
        await queryRunner.query(`CREATE TABLE "catalog"."wallet_ledger" ("id" BIGSERIAL NOT NULL, "tenant_id" text NOT NULL, "user_id" text NOT NULL, "asset" text NOT NULL, "currency" text NOT NULL, "amount" bigint NOT NULL, "balance_after" bigint NOT NULL, "reason" text NOT NULL, "reference" text, "idempotency_key" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "wallet_ledger_balance_non_negative" CHECK ("balance_after" >= 0), CONSTRAINT "wallet_ledger_amount_non_zero" CHECK ("amount" <> 0), CONSTRAINT "PK_d925214b1961738af45cc6959af" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "wallet_ledger_by_user" ON "catalog"."wallet_ledger" ("tenant_id", "user_id", "id") `);
    }

    public async down(queryRunner: MigrationQueries): Promise<void> {
        await queryRunner.query(`DROP INDEX "catalog"."wallet_ledger_by_user"`);
        await queryRunner.query(`DROP TABLE "catalog"."wallet_ledger"`);
        await queryRunner.query(`DROP TABLE "catalog"."wallet_balances"`);
        await queryRunner.query(`DROP TABLE "catalog"."tenants"`);
        await queryRunner.query(`DROP INDEX "catalog"."idempotency_records_by_age"`);
        await queryRunner.query(`DROP TABLE "catalog"."idempotency_records"`);
    }

}
