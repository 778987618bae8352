import { Injectable } from '@nestjs/common';
import { AppError } from '@phoenix/contracts';
import { TenantEntity, queryRows } from '@phoenix/persistence';
import { LRUCache } from 'lru-cache';
import { DataSource, Repository } from 'typeorm';

export interface TenantSecrets {
  apiKeyHash: string;
  jwtSecret: string;
  hmacSecret: string;
  webhookSecret: string;
}

@Injectable()
export class TenantRepository {
  private readonly tenants: Repository<TenantEntity>;
  /**
   * Tenants seen to exist. A tenant is never deleted, so a found one stays found and every
   * wallet read and write after the first skips the existence query; unknown ids are not
   * kept (a tenant created on another replica is found at once). Bounded: a miss only costs
   * the query again.
   */
  private readonly known = new LRUCache<string, true>({ max: 10_000 });

  constructor(dataSource: DataSource) {
    this.tenants = dataSource.getRepository(TenantEntity);
  }

  /** Inserts a tenant; false when the id is taken. */
  async insert(tenant: { id: string; name: string; allowedOrigins: string[] } & TenantSecrets): Promise<TenantEntity | null> {
    const rows: unknown[] = await this.tenants.query(
      `INSERT INTO catalog.tenants (id, name, api_key_hash, jwt_secret, hmac_secret, webhook_secret, allowed_origins)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [tenant.id, tenant.name, tenant.apiKeyHash, tenant.jwtSecret, tenant.hmacSecret, tenant.webhookSecret, JSON.stringify(tenant.allowedOrigins)],
    );
    return rows.length ? this.find(tenant.id) : null;
  }

  find(tenantId: string): Promise<TenantEntity | null> {
    return this.tenants.findOneBy({ id: tenantId });
  }

  async exists(tenantId: string): Promise<boolean> {
    if (this.known.has(tenantId)) return true;
    const found = await this.tenants.exists({ where: { id: tenantId } });
    if (found) this.known.set(tenantId, true);
    return found;
  }

  /** 404 unless the tenant exists: a credential can name a tenant that was never created. */
  async require(tenantId: string): Promise<void> {
    if (!(await this.exists(tenantId))) throw AppError.notFound('Tenant');
  }

  async findIdByApiKeyHash(apiKeyHash: string): Promise<string | null> {
    const tenant = await this.tenants.findOne({ where: { apiKeyHash }, select: { id: true } });
    return tenant?.id ?? null;
  }

  async updateSecrets(tenantId: string, secrets: Partial<TenantSecrets>): Promise<TenantEntity | null> {
    const result = await this.tenants.update({ id: tenantId }, secrets);
    return result.affected ? this.find(tenantId) : null;
  }

  async updateSettings(tenantId: string, changes: { settings?: Record<string, unknown>; allowedOrigins?: string[] }): Promise<TenantEntity | null> {
    const rows = await queryRows(
      this.tenants.manager,
      `UPDATE catalog.tenants SET settings = COALESCE($2::jsonb, settings), allowed_origins = COALESCE($3::jsonb, allowed_origins), updated_at = now()
       WHERE id = $1 RETURNING id`,
      [tenantId, changes.settings ? JSON.stringify(changes.settings) : null, changes.allowedOrigins ? JSON.stringify(changes.allowedOrigins) : null],
    );
    return rows.length ? this.find(tenantId) : null;
  }

  /** Every origin some tenant allows, for answering CORS preflights (they carry no credential). */
  async allAllowedOrigins(): Promise<string[]> {
    const rows: Array<{ origin: string }> = await this.tenants.query(
      `SELECT DISTINCT jsonb_array_elements_text(allowed_origins) AS origin FROM catalog.tenants`,
    );
    return rows.map((r) => r.origin);
  }
}
