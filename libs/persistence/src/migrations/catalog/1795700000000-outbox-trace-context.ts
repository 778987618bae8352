import type { Migration, MigrationQueries } from '../../data-source';

export class OutboxTraceContext1795700000000 implements Migration {
  name = 'OutboxTraceContext1795700000000';

  public async up(queryRunner: MigrationQueries): Promise<void> {
    await queryRunner.query(`ALTER TABLE "catalog"."outbox" ADD "trace_context" jsonb`);
  }

  public async down(queryRunner: MigrationQueries): Promise<void> {
    await queryRunner.query(`ALTER TABLE "catalog"."outbox" DROP COLUMN "trace_context"`);
  }
}
