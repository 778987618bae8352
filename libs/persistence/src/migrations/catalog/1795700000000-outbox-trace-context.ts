import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxTraceContext1795700000000 implements MigrationInterface {
  name = 'OutboxTraceContext1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "catalog"."outbox" ADD "trace_context" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "catalog"."outbox" DROP COLUMN "trace_context"`);
  }
}
