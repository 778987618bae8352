import type { Migration, MigrationQueries } from '../../data-source';

/**
 * The wallet ledger is append-only: a balance is the sum of its entries, so an entry that
 * changed or vanished would make the two disagree. Corrections are new entries (a refund is a
 * credit). The database refuses UPDATE, DELETE and TRUNCATE, whoever connects.
 */
export class LedgerAppendOnly1795710000000 implements Migration {
  name = 'LedgerAppendOnly1795710000000';

  public async up(queryRunner: MigrationQueries): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION "catalog"."wallet_ledger_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'catalog.wallet_ledger is append-only: % refused (record a new entry instead)', TG_OP
          USING ERRCODE = 'restrict_violation';
      END
    $$`);
    await queryRunner.query(
      `CREATE TRIGGER "wallet_ledger_no_change" BEFORE UPDATE OR DELETE ON "catalog"."wallet_ledger"
       FOR EACH ROW EXECUTE FUNCTION "catalog"."wallet_ledger_append_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "wallet_ledger_no_truncate" BEFORE TRUNCATE ON "catalog"."wallet_ledger"
       FOR EACH STATEMENT EXECUTE FUNCTION "catalog"."wallet_ledger_append_only"()`,
    );
  }

  public async down(queryRunner: MigrationQueries): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "wallet_ledger_no_truncate" ON "catalog"."wallet_ledger"`);
    await queryRunner.query(`DROP TRIGGER "wallet_ledger_no_change" ON "catalog"."wallet_ledger"`);
    await queryRunner.query(`DROP FUNCTION "catalog"."wallet_ledger_append_only"()`);
  }
}
