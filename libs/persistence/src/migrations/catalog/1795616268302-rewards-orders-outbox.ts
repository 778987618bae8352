import type { Migration, MigrationQueries } from '../../data-source';

export class RewardsOrdersOutbox1795616268302 implements Migration {
    name = 'RewardsOrdersOutbox1795616268302'

    public async up(queryRunner: MigrationQueries): Promise<void> {
        await queryRunner.query(`CREATE TABLE "catalog"."orders" ("id" uuid NOT NULL, "tenant_id" text NOT NULL, "user_id" text NOT NULL, "reward_id" uuid NOT NULL, "reward_slug" text NOT NULL, "reward_name" text NOT NULL, "reward_image_url" text, "variant_id" text NOT NULL DEFAULT 'default', "source_type" text NOT NULL, "source_ref" text, "source_name" text, "source_context" text, "metadata" jsonb NOT NULL DEFAULT '{}', "state" text NOT NULL, "status" jsonb NOT NULL, "fields" jsonb NOT NULL DEFAULT '{}', "fulfillment_type" text NOT NULL, "fulfillment" jsonb NOT NULL, "requires_claim" boolean NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "price_currency" text, "price_amount" bigint, "consumed_stock" boolean NOT NULL DEFAULT false, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_710e2d4957aa5878dfe94e4ac2f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "orders_pending_expiry" ON "catalog"."orders" ("expires_at") WHERE "state" = 'pending_claim' AND "expires_at" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "orders_by_reward" ON "catalog"."orders" ("tenant_id", "reward_id") `);
        await queryRunner.query(`CREATE INDEX "orders_by_state" ON "catalog"."orders" ("tenant_id", "state", "created_at") `);
        await queryRunner.query(`CREATE INDEX "orders_by_user" ON "catalog"."orders" ("tenant_id", "user_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "catalog"."outbox" ("id" BIGSERIAL NOT NULL, "event_id" uuid NOT NULL, "tenant_id" text NOT NULL, "aggregate_id" text NOT NULL, "event_type" text NOT NULL, "envelope" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_cc0c9e40998e45ecfc5e313429d" UNIQUE ("event_id"), CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "outbox_unpublished" ON "catalog"."outbox" ("id") WHERE "published_at" IS NULL`);
        await queryRunner.query(`CREATE TABLE "catalog"."rewards" ("id" uuid NOT NULL, "tenant_id" text NOT NULL, "slug" text NOT NULL, "name" text NOT NULL, "description" text, "image_url" text, "active" boolean NOT NULL DEFAULT true, "fields" jsonb NOT NULL DEFAULT '[]', "fulfillment" jsonb NOT NULL, "requires_claim" boolean NOT NULL DEFAULT false, "purchase" jsonb, "stock" integer, "config" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "rewards_stock_non_negative" CHECK ("stock" IS NULL OR "stock" >= 0), CONSTRAINT "PK_3d947441a48debeb9b7366f8b8c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "rewards_catalog" ON "catalog"."rewards" ("tenant_id", "active", "created_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "rewards_slug_per_tenant" ON "catalog"."rewards" ("tenant_id", "slug") `);
    }

    public async down(queryRunner: MigrationQueries): Promise<void> {
        await queryRunner.query(`DROP INDEX "catalog"."rewards_slug_per_tenant"`);
        await queryRunner.query(`DROP INDEX "catalog"."rewards_catalog"`);
        await queryRunner.query(`DROP TABLE "catalog"."rewards"`);
        await queryRunner.query(`DROP INDEX "catalog"."outbox_unpublished"`);
        await queryRunner.query(`DROP TABLE "catalog"."outbox"`);
        await queryRunner.query(`DROP INDEX "catalog"."orders_by_user"`);
        await queryRunner.query(`DROP INDEX "catalog"."orders_by_state"`);
        await queryRunner.query(`DROP INDEX "catalog"."orders_by_reward"`);
        await queryRunner.query(`DROP INDEX "catalog"."orders_pending_expiry"`);
        await queryRunner.query(`DROP TABLE "catalog"."orders"`);
    }

}
