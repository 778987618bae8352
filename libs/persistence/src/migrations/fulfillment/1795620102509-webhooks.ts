import type { Migration, MigrationQueries } from '../../data-source';

export class Webhooks1795620102509 implements Migration {
    name = 'Webhooks1795620102509'

    public async up(queryRunner: MigrationQueries): Promise<void> {
        await queryRunner.query(`CREATE TABLE "fulfillment"."webhook_attempts" ("id" BIGSERIAL NOT NULL, "delivery_id" uuid NOT NULL, "attempt" integer NOT NULL, "status_code" integer, "latency_ms" integer NOT NULL, "error" text, "response_snippet" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2de7e7887ad97de459adab62638" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "webhook_attempts_by_delivery" ON "fulfillment"."webhook_attempts" ("delivery_id", "attempt") `);
        await queryRunner.query(`CREATE TABLE "fulfillment"."webhook_deliveries" ("id" uuid NOT NULL, "endpoint_id" uuid NOT NULL, "tenant_id" text NOT NULL, "event_id" uuid NOT NULL, "event_type" text NOT NULL, "payload" jsonb NOT NULL, "state" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_run_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "webhook_deliveries_state" CHECK ("state" IN ('pending', 'delivered', 'failed')), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "webhook_deliveries_by_endpoint" ON "fulfillment"."webhook_deliveries" ("endpoint_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "webhook_deliveries_due" ON "fulfillment"."webhook_deliveries" ("next_run_at") WHERE "state" = 'pending'`);
        await queryRunner.query(`CREATE UNIQUE INDEX "webhook_deliveries_once" ON "fulfillment"."webhook_deliveries" ("endpoint_id", "event_id") `);
        await queryRunner.query(`CREATE TABLE "fulfillment"."webhook_endpoints" ("id" uuid NOT NULL, "tenant_id" text NOT NULL, "url" text NOT NULL, "events" jsonb NOT NULL, "secret" text NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "failure_streak" integer NOT NULL DEFAULT '0', "disabled_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "webhook_endpoints_by_tenant" ON "fulfillment"."webhook_endpoints" ("tenant_id") `);
    }

    public async down(queryRunner: MigrationQueries): Promise<void> {
        await queryRunner.query(`DROP INDEX "fulfillment"."webhook_endpoints_by_tenant"`);
        await queryRunner.query(`DROP TABLE "fulfillment"."webhook_endpoints"`);
        await queryRunner.query(`DROP INDEX "fulfillment"."webhook_deliveries_once"`);
        await queryRunner.query(`DROP INDEX "fulfillment"."webhook_deliveries_due"`);
        await queryRunner.query(`DROP INDEX "fulfillment"."webhook_deliveries_by_endpoint"`);
        await queryRunner.query(`DROP TABLE "fulfillment"."webhook_deliveries"`);
        await queryRunner.query(`DROP INDEX "fulfillment"."webhook_attempts_by_delivery"`);
        await queryRunner.query(`DROP TABLE "fulfillment"."webhook_attempts"`);
    }

}
