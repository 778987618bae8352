import { Patterns } from '@phoenix/contracts';
import { ServiceClient } from '@phoenix/platform';

const MISS_REFRESH_MS = 1_000;

/**
 * Decides CORS origins. A preflight carries no credential, so an origin is allowed when the
 * config lists it or when any tenant lists it in its `allowed_origins`. The tenants' list is
 * re-read from rewards-catalog every `ttlMs`, and sooner (at most once a second) when an
 * unknown origin asks, so a newly configured origin works at once.
 */
export class CorsOrigins {
  private tenantOrigins = new Set<string>();
  private loadedAt = 0;
  private loading?: Promise<void>;

  constructor(
    private readonly configured: readonly string[],
    private readonly catalog: ServiceClient,
    private readonly ttlMs: number,
  ) {}

  async allows(origin: string): Promise<boolean> {
    if (this.configured.includes('*') || this.configured.includes(origin)) return true;
    const age = Date.now() - this.loadedAt;
    if (age > this.ttlMs || (!this.tenantOrigins.has(origin) && age > MISS_REFRESH_MS)) await this.refresh();
    return this.tenantOrigins.has(origin);
  }

  private refresh(): Promise<void> {
    this.loading ??= this.catalog
      .send(Patterns.tenantsAllowedOrigins, {})
      .then((origins) => {
        this.tenantOrigins = new Set(origins);
        this.loadedAt = Date.now();
      })
      .catch(() => undefined) // keep the last known list while the catalog is unreachable
      .finally(() => (this.loading = undefined));
    return this.loading;
  }
}
