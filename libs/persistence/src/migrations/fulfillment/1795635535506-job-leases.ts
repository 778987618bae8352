import type { Migration, MigrationQueries } from '../../data-source';

/** Lease tokens fence off workers whose lease ran out; `dropped` jobs (the order left fulfilling first). */
export class JobLeases1795635535506 implements Migration {
  name = 'JobLeases1795635535506';

  public async up(queryRunner: MigrationQueries): Promise<void> {
    await queryRunner.query(`ALTER TABLE "fulfillment"."jobs" ADD "lease_token" uuid`);
    await queryRunner.query(`ALTER TABLE "fulfillment"."jobs" DROP CONSTRAINT "jobs_state"`);
    await queryRunner.query(`ALTER TABLE "fulfillment"."jobs" ADD CONSTRAINT "jobs_state" CHECK ("state" IN ('pending', 'done', 'failed', 'dropped'))`);
  }

  public async down(queryRunner: MigrationQueries): Promise<void> {
    await queryRunner.query(`ALTER TABLE "fulfillment"."jobs" DROP CONSTRAINT "jobs_state"`);
    await queryRunner.query(`ALTER TABLE "fulfillment"."jobs" ADD CONSTRAINT "jobs_state" CHECK ("state" IN ('pending', 'done', 'failed'))`);
    await queryRunner.query(`ALTER TABLE "fulfillment"."jobs" DROP COLUMN "lease_token"`);
  }
}
