import { SecretBox, SecretBoxError } from '@phoenix/auth';
import { CATALOG_STORE, Database, runMigrations } from '@phoenix/persistence';
import { createTestDatabase, TestDatabase } from '@phoenix/testing';
import { randomBytes } from 'node:crypto';
import { TenantRepository } from './tenant.repository';
import { TenantUseCases } from './tenant.use-cases';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('tenant secrets at rest (real Postgres)', () => {
  const k1 = key('k1');
  let database: TestDatabase;
  let db: Database;
  const stored = async (tenantId: string) =>
    (await db.query<{ jwt_secret: string; hmac_secret: string; webhook_secret: string }>('SELECT jwt_secret, hmac_secret, webhook_secret FROM catalog.tenants WHERE id = $1', [tenantId]))[0]!;
  const useCases = (box: SecretBox) => new TenantUseCases(new TenantRepository(db, box));

  beforeAll(async () => {
    database = await createTestDatabase();
    db = Database.open({ url: database.url, poolSize: 2, applicationName: 'int' });
    await runMigrations(db, CATALOG_STORE);
  });

  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('stores the jwt, hmac and webhook secrets sealed, and reads back the ones shown at creation; a rotation seals the new ones', async () => {
    const tenants = useCases(SecretBox.fromKeys(k1));
    const created = await tenants.create({ id: 'sealed', name: 'Sealed' });
    const row = await stored('sealed');
    for (const [column, plaintext] of [
      ['jwt_secret', created.jwt_secret],
      ['hmac_secret', created.hmac_secret],
      ['webhook_secret', created.webhook_secret],
    ] as const) {
      expect({ column, sealed: row[column].startsWith('enc:v1:k1:'), plain: row[column].includes(plaintext) }).toEqual({ column, sealed: true, plain: false });
    }
    // What the gateways verify user JWTs and HMAC signatures with, and what signs fulfillment calls.
    expect(await tenants.authMaterial('sealed')).toEqual(expect.objectContaining({ jwt_secret: created.jwt_secret, hmac_secret: created.hmac_secret }));
    expect((await tenants.fulfillmentTarget('sealed')).signing_secret).toBe(created.webhook_secret);

    const rotated = await tenants.rotateKeys({ tenant_id: 'sealed', keys: ['jwt_secret'] });
    expect((await stored('sealed')).jwt_secret).toMatch(/^enc:v1:k1:/);
    expect((await tenants.authMaterial('sealed'))?.jwt_secret).toBe(rotated.jwt_secret);
  });

  it('reads a plaintext row from before encryption, and seals it at start; a sealed value moved to another tenant does not open', async () => {
    await db.query(
      `INSERT INTO catalog.tenants (id, name, api_key_hash, jwt_secret, hmac_secret, webhook_secret) VALUES ('legacy', 'L', repeat('d', 64), 'jwt_legacy', 'hmac_legacy', 'whsec_bGVnYWN5')`,
    );
    const repository = new TenantRepository(db, SecretBox.fromKeys(k1));
    expect((await repository.find('legacy'))?.jwtSecret).toBe('jwt_legacy');
    expect(await repository.resealSecrets()).toBe(1);
    expect(await repository.resealSecrets()).toBe(0);
    const row = await stored('legacy');
    expect(Object.values(row).every((value) => value.startsWith('enc:v1:k1:'))).toBe(true);
    expect(await repository.find('legacy')).toEqual(expect.objectContaining({ jwtSecret: 'jwt_legacy', hmacSecret: 'hmac_legacy', webhookSecret: 'whsec_bGVnYWN5' }));

    await db.query(`UPDATE catalog.tenants SET jwt_secret = $1 WHERE id = 'sealed'`, [row.jwt_secret]);
    await expect(repository.find('sealed')).rejects.toThrow(SecretBoxError);
    await db.query(`DELETE FROM catalog.tenants WHERE id = 'sealed'`);
  });

  it('rotates the key: with SECRETS_KEY new and the old one in SECRETS_KEYS_OLD, start-up seals every row anew and the old key can go', async () => {
    const before = await new TenantRepository(db, SecretBox.fromKeys(k1)).find('legacy');
    const rotated = new TenantRepository(db, SecretBox.fromKeys(key('k2'), [k1]));
    expect(await rotated.find('legacy')).toEqual(before);
    expect(await rotated.resealSecrets()).toBe(1);
    expect(Object.values(await stored('legacy')).every((value) => value.startsWith('enc:v1:k2:'))).toBe(true);
    expect(await rotated.find('legacy')).toEqual(expect.objectContaining({ jwtSecret: before!.jwtSecret }));
    await expect(new TenantRepository(db, SecretBox.fromKeys(k1)).find('legacy')).rejects.toThrow(/key "k2", which neither/);
  });
});
