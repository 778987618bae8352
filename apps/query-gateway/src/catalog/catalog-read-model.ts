import { Inject, Injectable } from '@nestjs/common';
import { Patterns, type CatalogReward } from '@phoenix/contracts';
import { Metrics, ServiceClient, serviceToken } from '@phoenix/platform';
import type { Counter } from 'prom-client';
import { createHash } from 'node:crypto';

/**
 * How old a tenant's catalog may be when served. Any change to a reward — its definition, its
 * activity, its stock — shows on every gateway replica within this time, because no replica
 * serves a snapshot whose fetch started longer ago. Stock shown may lag by as much; it is never
 * used for a decision (a purchase takes stock in rewards-catalog's transaction).
 */
export const CATALOG_MAX_AGE_MS = 1_000;
/** From this age on, a request is served the snapshot it finds and a fresh one is fetched beside it. */
const REFRESH_AFTER_MS = CATALOG_MAX_AGE_MS / 2;
/** Tenants held at once; the least recently read goes first. */
const MAX_TENANTS = 1_000;
/** Serialised answers kept per snapshot (one per distinct query: balance, currency, page). */
const MAX_ANSWERS_PER_SNAPSHOT = 256;

/** A JSON answer ready to send, with its entity tag. */
export interface CachedAnswer {
  body: string;
  etag: string;
}

/** One fetch of a tenant's active catalog, and the answers already built from it. */
export class CatalogSnapshot {
  readonly bySlug: Map<string, CatalogReward>;
  private readonly answers = new Map<string, CachedAnswer>();

  constructor(
    readonly rewards: CatalogReward[],
    /** When the fetch started: the data is at least this recent. */
    readonly fetchedAt: number,
  ) {
    this.bySlug = new Map(rewards.map((reward) => [reward.slug, reward]));
  }

  /** The answer for `key`, built once per snapshot: most callers ask the same few queries. */
  answer(key: string, build: () => unknown): CachedAnswer {
    const cached = this.answers.get(key);
    if (cached) return cached;
    const answer = serialise(build());
    if (this.answers.size >= MAX_ANSWERS_PER_SNAPSHOT) this.answers.delete(this.answers.keys().next().value as string);
    this.answers.set(key, answer);
    return answer;
  }
}

export function serialise(value: unknown): CachedAnswer {
  const body = JSON.stringify(value);
  // A strong tag of the exact bytes: equal answers from different replicas or snapshots match.
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}

interface Entry {
  current?: CatalogSnapshot;
  /** The fetch under way, shared by every request that needs it. */
  pending?: Promise<CatalogSnapshot>;
}

/**
 * The query gateway's read model of the active catalog: one snapshot per tenant in memory,
 * fetched from rewards-catalog (`catalog.snapshot`) and served for at most CATALOG_MAX_AGE_MS.
 * This bound is what invalidates it across replicas: it needs no event, so no event can be
 * lost or late, and it holds in both run modes. Past half that age a request still gets the
 * snapshot while the next is fetched in the background, so a busy tenant never waits for one.
 */
@Injectable()
export class CatalogReadModel {
  private readonly tenants = new Map<string, Entry>();
  private readonly fetches: Counter<'outcome'>;

  constructor(
    @Inject(serviceToken('rewards-catalog')) private readonly catalog: ServiceClient,
    metrics: Metrics,
  ) {
    this.fetches = metrics.counter('catalog_snapshot_fetches_total', 'Catalog snapshots fetched from rewards-catalog by the read model', ['outcome']);
  }

  async snapshot(tenantId: string, now = Date.now()): Promise<CatalogSnapshot> {
    const entry = this.touch(tenantId);
    const current = entry.current;
    if (current && now - current.fetchedAt < CATALOG_MAX_AGE_MS) {
      if (now - current.fetchedAt >= REFRESH_AFTER_MS) this.refresh(tenantId, entry).catch(() => undefined);
      return current;
    }
    return this.refresh(tenantId, entry);
  }

  private refresh(tenantId: string, entry: Entry): Promise<CatalogSnapshot> {
    entry.pending ??= (async () => {
      const started = Date.now();
      try {
        const { rewards } = await this.catalog.send(Patterns.catalogSnapshot, { tenant_id: tenantId });
        const snapshot = new CatalogSnapshot(rewards, started);
        entry.current = snapshot;
        this.fetches.inc({ outcome: 'ok' });
        return snapshot;
      } catch (error) {
        this.fetches.inc({ outcome: 'failed' });
        throw error;
      } finally {
        delete entry.pending;
      }
    })();
    return entry.pending;
  }

  /** The tenant's entry, moved to the most recently used end; the oldest tenant goes when full. */
  private touch(tenantId: string): Entry {
    const entry = this.tenants.get(tenantId) ?? {};
    this.tenants.delete(tenantId);
    this.tenants.set(tenantId, entry);
    if (this.tenants.size > MAX_TENANTS) this.tenants.delete(this.tenants.keys().next().value as string);
    return entry;
  }
}
