import { Injectable } from '@nestjs/common';
import { SecretBox } from '@phoenix/auth';
import { AppError } from '@phoenix/contracts';
import { Database, type TenantRow, queryRows } from '@phoenix/persistence';
import { LRUCache } from 'lru-cache';

export interface TenantSecrets {
  apiKeyHash: string;
  jwtSecret: string;
  hmacSecret: string;
  webhookSecret: string;
}

const TENANT_COLUMNS = `id, name, api_key_hash AS "apiKeyHash", jwt_secret AS "jwtSecret", hmac_secret AS "hmacSecret",
  webhook_secret AS "webhookSecret", allowed_origins AS "allowedOrigins", settings, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The secrets kept sealed (SecretBox): they must be read back to verify tokens and sign calls. */
const SEALED = ['jwtSecret', 'hmacSecret', 'webhookSecret'] as const;

/** The secret columns under their TenantSecrets names. */
const SECRET_COLUMNS: Record<keyof TenantSecrets, string> = {
  apiKeyHash: 'api_key_hash',
  jwtSecret: 'jwt_secret',
  hmacSecret: 'hmac_secret',
  webhookSecret: 'webhook_secret',
};

@Injectable()
export class TenantRepository {
  /**
   * Tenants seen to exist. A tenant is never deleted, so a found one stays found and every
   * wallet read and write after the first skips the existence query; unknown ids are not
   * kept (a tenant created on another replica is found at once). Bounded: a miss only costs
   * the query again.
   */
  private readonly known = new LRUCache<string, true>({ max: 10_000 });

  constructor(
    private readonly database: Database,
    private readonly box: SecretBox,
  ) {}

  /** Inserts a tenant; false when the id is taken. The API key is given hashed, the other secrets are sealed here. */
  async insert(tenant: { id: string; name: string; allowedOrigins: string[] } & TenantSecrets): Promise<TenantRow | null> {
    const seal = (name: keyof TenantSecrets) => this.box.seal(tenant[name], sealContext(tenant.id, name));
    const rows = await queryRows(
      this.database,
      `INSERT INTO catalog.tenants (id, name, api_key_hash, jwt_secret, hmac_secret, webhook_secret, allowed_origins)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [tenant.id, tenant.name, tenant.apiKeyHash, seal('jwtSecret'), seal('hmacSecret'), seal('webhookSecret'), JSON.stringify(tenant.allowedOrigins)],
    );
    return rows.length ? this.find(tenant.id) : null;
  }

  async find(tenantId: string): Promise<TenantRow | null> {
    const [row] = await queryRows<TenantRow>(this.database, `SELECT ${TENANT_COLUMNS} FROM catalog.tenants WHERE id = $1`, [tenantId]);
    return row ? this.opened(row) : null;
  }

  /**
   * Seals what is not sealed under the current key: rows from before encryption, and rows of a
   * key now in SECRETS_KEYS_OLD (run at start). Each row changes only if it is still what was
   * read, so replicas starting together seal each row once. Returns how many rows changed.
   */
  async resealSecrets(): Promise<number> {
    const stale = await queryRows<{ id: string } & Pick<TenantSecrets, 'jwtSecret' | 'hmacSecret' | 'webhookSecret'>>(
      this.database,
      `SELECT id, jwt_secret AS "jwtSecret", hmac_secret AS "hmacSecret", webhook_secret AS "webhookSecret" FROM catalog.tenants
       WHERE jwt_secret NOT LIKE $1 OR hmac_secret NOT LIKE $1 OR webhook_secret NOT LIKE $1`,
      [this.box.currentPattern],
    );
    let changed = 0;
    for (const row of stale) {
      const reseal = (name: (typeof SEALED)[number]) => this.box.seal(this.box.open(row[name], sealContext(row.id, name)), sealContext(row.id, name));
      const updated = await queryRows(
        this.database,
        `UPDATE catalog.tenants SET jwt_secret = $5, hmac_secret = $6, webhook_secret = $7
         WHERE id = $1 AND jwt_secret = $2 AND hmac_secret = $3 AND webhook_secret = $4 RETURNING id`,
        [row.id, ...SEALED.map((name) => row[name]), ...SEALED.map(reseal)],
      );
      changed += updated.length;
    }
    return changed;
  }

  async exists(tenantId: string): Promise<boolean> {
    if (this.known.has(tenantId)) return true;
    const found = (await queryRows(this.database, 'SELECT 1 FROM catalog.tenants WHERE id = $1', [tenantId])).length > 0;
    if (found) this.known.set(tenantId, true);
    return found;
  }

  /** 404 unless the tenant exists: a credential can name a tenant that was never created. */
  async require(tenantId: string): Promise<void> {
    if (!(await this.exists(tenantId))) throw AppError.notFound('Tenant');
  }

  async findIdByApiKeyHash(apiKeyHash: string): Promise<string | null> {
    const [tenant] = await queryRows<{ id: string }>(this.database, 'SELECT id FROM catalog.tenants WHERE api_key_hash = $1 LIMIT 1', [apiKeyHash]);
    return tenant?.id ?? null;
  }

  async updateSecrets(tenantId: string, secrets: Partial<TenantSecrets>): Promise<TenantRow | null> {
    const sets = ['updated_at = now()'];
    const params: unknown[] = [tenantId];
    for (const [name, column] of Object.entries(SECRET_COLUMNS) as Array<[keyof TenantSecrets, string]>) {
      const value = secrets[name];
      if (value === undefined) continue;
      params.push(name === 'apiKeyHash' ? value : this.box.seal(value, sealContext(tenantId, name)));
      sets.push(`${column} = $${params.length}`);
    }
    const [row] = await queryRows<TenantRow>(this.database, `UPDATE catalog.tenants SET ${sets.join(', ')} WHERE id = $1 RETURNING ${TENANT_COLUMNS}`, params);
    return row ? this.opened(row) : null;
  }

  private opened(row: TenantRow): TenantRow {
    const open = (name: keyof TenantSecrets) => this.box.open(row[name], sealContext(row.id, name));
    return { ...row, jwtSecret: open('jwtSecret'), hmacSecret: open('hmacSecret'), webhookSecret: open('webhookSecret') };
  }

  async updateSettings(tenantId: string, changes: { settings?: Record<string, unknown>; allowedOrigins?: string[] }): Promise<TenantRow | null> {
    const rows = await queryRows(
      this.database,
      `UPDATE catalog.tenants SET settings = COALESCE($2::jsonb, settings), allowed_origins = COALESCE($3::jsonb, allowed_origins), updated_at = now()
       WHERE id = $1 RETURNING id`,
      [tenantId, changes.settings ? JSON.stringify(changes.settings) : null, changes.allowedOrigins ? JSON.stringify(changes.allowedOrigins) : null],
    );
    return rows.length ? this.find(tenantId) : null;
  }

  /** Every origin some tenant allows, for answering CORS preflights (they carry no credential). */
  async allAllowedOrigins(): Promise<string[]> {
    const rows = await queryRows<{ origin: string }>(
      this.database,
      `SELECT DISTINCT jsonb_array_elements_text(allowed_origins) AS origin FROM catalog.tenants`,
    );
    return rows.map((r) => r.origin);
  }
}

/** What a sealed tenant secret is bound to: its column and its tenant (a value moved elsewhere does not open). */
function sealContext(tenantId: string, name: keyof TenantSecrets): string {
  return `catalog.tenants.${SECRET_COLUMNS[name]}:${tenantId}`;
}
