import type { Migration, MigrationQueries } from '../../data-source';

export class InitFulfillment1795619535971 implements Migration {
    name = 'InitFulfillment1795619535971'

    public async up(queryRunner: MigrationQueries): Promise<void> {
        await queryRunner.query(`CREATE TABLE "fulfillment"."jobs" ("id" uuid NOT NULL, "tenant_id" text NOT NULL, "order_id" uuid NOT NULL, "round" integer NOT NULL, "kind" text NOT NULL, "state" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "max_attempts" integer NOT NULL, "backoff_seconds" jsonb NOT NULL, "payload" jsonb NOT NULL, "next_run_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "jobs_kind" CHECK ("kind" IN ('wallet', 'api')), CONSTRAINT "jobs_state" CHECK ("state" IN ('pending', 'done', 'failed')), CONSTRAINT "PK_cf0a6c42b72fcc7f7c237def345" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "jobs_due" ON "fulfillment"."jobs" ("next_run_at") WHERE "state" = 'pending'`);
        await queryRunner.query(`CREATE UNIQUE INDEX "jobs_one_per_round" ON "fulfillment"."jobs" ("order_id", "round") `);
    }

    public async down(queryRunner: MigrationQueries): Promise<void> {
        await queryRunner.query(`DROP INDEX "fulfillment"."jobs_one_per_round"`);
        await queryRunner.query(`DROP INDEX "fulfillment"."jobs_due"`);
        await queryRunner.query(`DROP TABLE "fulfillment"."jobs"`);
    }

}
