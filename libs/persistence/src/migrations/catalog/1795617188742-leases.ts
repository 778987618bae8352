import type { Migration, MigrationQueries } from '../../data-source';

export class Leases1795617188742 implements Migration {
    name = 'Leases1795617188742'

    public async up(queryRunner: MigrationQueries): Promise<void> {
        await queryRunner.query(`CREATE TABLE "catalog"."leases" ("name" text NOT NULL, "holder" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8f564523b661f9e2648c3377687" PRIMARY KEY ("name"))`);
    }

    public async down(queryRunner: MigrationQueries): Promise<void> {
        await queryRunner.query(`DROP TABLE "catalog"."leases"`);
    }

}
