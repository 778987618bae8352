import { CATALOG_STORE, Database, runMigrations } from '@phoenix/persistence';
import { createTestDatabase, TestDatabase } from '@phoenix/testing';
import { LedgerEntryInput, WalletRepository } from './wallet.repository';

describe('WalletRepository with WALLET_CACHE (real Postgres)', () => {
  let database: TestDatabase;
  let db: Database;
  let wallets: WalletRepository;
  const entry = (userId: string, type: 'credit' | 'debit', amount: number, key: string): LedgerEntryInput => ({
    tenantId: 't1', userId, asset: 'currency', currency: 'GOLD', type, amount, reason: 'test', reference: null, idempotencyKey: key,
  });
  const gold = async (userId: string) => (await wallets.wallet('t1', userId)).balances['GOLD'] ?? 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = Database.open({ url: database.url, poolSize: 10, applicationName: 'int' });
    await runMigrations(db, CATALOG_STORE);
    wallets = new WalletRepository(db, { WALLET_CACHE: true });
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  const stored = async (userId: string) =>
    Number(((await db.query(`SELECT balance FROM catalog.wallet_balances WHERE user_id = $1`, [userId])) as Array<{ balance: string }>)[0]?.balance);

  it('serves a wallet from memory until it changes, and shows each committed change on the next read', async () => {
    await db.transaction((m) => wallets.applyEntry(m, entry('u1', 'credit', 100, 'c1')));
    expect(await gold('u1')).toBe(100);
    // Changed behind the repository's back: the next read is served from memory.
    await db.query(`UPDATE catalog.wallet_balances SET balance = 70 WHERE user_id = 'u1'`);
    expect(await gold('u1')).toBe(100);
    await db.transaction((m) => wallets.applyEntry(m, entry('u1', 'debit', 30, 'd1')));
    expect(await gold('u1')).toBe(40);
  });

  it('drops what a read kept while a change was under way once that change ends', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const change = db.transaction(async (m) => {
      await wallets.applyEntry(m, entry('u1', 'credit', 50, 'c2'));
      await held;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(await gold('u1')).toBe(40); // not committed yet
    release();
    await change;
    expect(await gold('u1')).toBe(90);
  });

  it('shows the wallet as it was after a rolled-back change', async () => {
    await expect(
      db.transaction(async (m) => {
        await wallets.applyEntry(m, entry('u1', 'credit', 1_000, 'c3'));
        throw new Error('undone');
      }),
    ).rejects.toThrow('undone');
    expect(await gold('u1')).toBe(90);
  });

  it('ends equal to the stored balance after concurrent changes and reads', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0 ? db.transaction((m) => wallets.applyEntry(m, entry('u1', 'debit', 1, `d-${i}`))) : gold('u1'),
      ),
    );
    expect(await stored('u1')).toBe(70);
    expect(await gold('u1')).toBe(70);
  });
});
