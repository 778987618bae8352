import { Injectable } from '@nestjs/common';
import { SecretBox } from '@phoenix/auth';
import { Database, nextDueInMs, queryOne, queryRows } from '@phoenix/persistence';
import { randomUUID } from 'node:crypto';

export interface EndpointRecord {
  id: string;
  tenant_id: string;
  url: string;
  events: string[];
  enabled: boolean;
  failure_streak: number;
  disabled_reason: string | null;
  /** Until when the secret replaced by the last rotation still signs (see rotateSecret). */
  previous_secret_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Where and how a claimed delivery goes: the endpoint's URL and the secrets that sign it. */
export interface DeliveryTarget {
  url: string;
  secret: string;
  /** The secret replaced by the last rotation, while its grace period lasts. */
  previous_secret: string | null;
  enabled: boolean;
}

/** A consumed event to deliver to its tenant's subscribed endpoints. */
export interface WebhookEvent {
  tenantId: string;
  eventId: string;
  eventType: string;
  payload: Record<string, unknown>;
}

export interface DeliveryRecord {
  id: string;
  endpoint_id: string;
  tenant_id: string;
  event_id: string;
  event_type: string;
  payload: Record<string, unknown>;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_run_at: Date;
  created_at: Date;
}

export interface AttemptRecord {
  delivery_id: string;
  attempt: number;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
  response_snippet: string | null;
  at: Date;
}

// Not the secrets: they leave this repository only opened, for signing (claimDue).
const ENDPOINT = 'id, tenant_id, url, events, enabled, failure_streak, disabled_reason, previous_secret_expires_at, created_at, updated_at';
const DELIVERY = 'id, endpoint_id, tenant_id, event_id, event_type, payload, state, attempts, next_run_at, created_at';

@Injectable()
export class WebhookRepository {
  constructor(
    private readonly database: Database,
    private readonly box: SecretBox,
  ) {}

  /** The endpoint's signing secret is stored sealed (SecretBox), bound to the endpoint. */
  create(tenantId: string, url: string, events: string[], secret: string, enabled: boolean): Promise<EndpointRecord> {
    const id = randomUUID();
    return queryOne<EndpointRecord>(
      this.database,
      `INSERT INTO fulfillment.webhook_endpoints (id, tenant_id, url, events, secret, enabled) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${ENDPOINT}`,
      [id, tenantId, url, JSON.stringify(events), this.box.seal(secret, sealContext(id)), enabled],
    );
  }

  /**
   * Seals what is not sealed under the current key (rows from before encryption, rows of a key
   * now in SECRETS_KEYS_OLD), at start. A row changes only if it is still what was read, so
   * replicas starting together seal it once. Returns how many endpoints changed.
   */
  async resealSecrets(): Promise<number> {
    const stale = await queryRows<{ id: string; secret: string; previous_secret: string | null }>(
      this.database,
      `SELECT id, secret, previous_secret FROM fulfillment.webhook_endpoints WHERE secret NOT LIKE $1 OR previous_secret NOT LIKE $1`,
      [this.box.currentPattern],
    );
    let changed = 0;
    for (const row of stale) {
      const reseal = (stored: string) => this.box.seal(this.box.open(stored, sealContext(row.id)), sealContext(row.id));
      const updated = await queryRows(
        this.database,
        `UPDATE fulfillment.webhook_endpoints SET secret = $4, previous_secret = $5
         WHERE id = $1 AND secret = $2 AND previous_secret IS NOT DISTINCT FROM $3 RETURNING id`,
        [row.id, row.secret, row.previous_secret, reseal(row.secret), row.previous_secret === null ? null : reseal(row.previous_secret)],
      );
      changed += updated.length;
    }
    return changed;
  }

  list(tenantId: string): Promise<EndpointRecord[]> {
    return queryRows(this.database, `SELECT ${ENDPOINT} FROM fulfillment.webhook_endpoints WHERE tenant_id = $1 ORDER BY created_at, id`, [tenantId]);
  }

  async find(tenantId: string, id: string): Promise<EndpointRecord | null> {
    const [row] = await queryRows<EndpointRecord>(this.database, `SELECT ${ENDPOINT} FROM fulfillment.webhook_endpoints WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    return row ?? null;
  }

  async update(tenantId: string, id: string, change: { url?: string; events?: string[]; enabled?: boolean }): Promise<EndpointRecord | null> {
    const reenable = change.enabled === true;
    const [row] = await queryRows<EndpointRecord>(
      this.database,
      `UPDATE fulfillment.webhook_endpoints SET url = COALESCE($3, url), events = COALESCE($4::jsonb, events), enabled = COALESCE($5, enabled),
         failure_streak = CASE WHEN $6 THEN 0 ELSE failure_streak END,
         disabled_reason = CASE WHEN $6 THEN NULL ELSE disabled_reason END, updated_at = now()
       WHERE tenant_id = $1 AND id = $2 RETURNING ${ENDPOINT}`,
      [tenantId, id, change.url ?? null, change.events ? JSON.stringify(change.events) : null, change.enabled ?? null, reenable],
    );
    return row ?? null;
  }

  async remove(tenantId: string, id: string): Promise<EndpointRecord | null> {
    const [row] = await queryRows<EndpointRecord>(this.database, `DELETE FROM fulfillment.webhook_endpoints WHERE tenant_id = $1 AND id = $2 RETURNING ${ENDPOINT}`, [tenantId, id]);
    return row ?? null;
  }

  /**
   * One delivery per event and enabled endpoint of its tenant subscribed to its type, for a
   * batch of consumed events in one statement; a delivery already there is left as it is.
   */
  async enqueueAll(events: WebhookEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const rows = await queryRows(
      this.database,
      `INSERT INTO fulfillment.webhook_deliveries (id, endpoint_id, tenant_id, event_id, event_type, payload, next_run_at)
       SELECT gen_random_uuid(), e.id, e.tenant_id, m.event_id, m.event_type, m.payload, now()
       FROM unnest($1::text[], $2::uuid[], $3::text[], $4::jsonb[]) AS m(tenant_id, event_id, event_type, payload)
       JOIN fulfillment.webhook_endpoints e ON e.tenant_id = m.tenant_id AND e.enabled AND e.events ? m.event_type
       ON CONFLICT (endpoint_id, event_id) DO NOTHING RETURNING 1`,
      [
        events.map((e) => e.tenantId),
        events.map((e) => e.eventId),
        events.map((e) => e.eventType),
        events.map((e) => JSON.stringify(e.payload)),
      ],
    );
    return rows.length;
  }

  /**
   * Replaces an endpoint's secret; the replaced one stays valid (it signs beside the new one)
   * for `graceSeconds`, or not at all with 0. Only one previous secret is kept.
   */
  async rotateSecret(tenantId: string, id: string, secret: string, graceSeconds: number): Promise<EndpointRecord | null> {
    const [row] = await queryRows<EndpointRecord>(
      this.database,
      `UPDATE fulfillment.webhook_endpoints
       SET previous_secret = CASE WHEN $4::int > 0 THEN secret END,
           previous_secret_expires_at = CASE WHEN $4::int > 0 THEN now() + make_interval(secs => $4::int) END,
           secret = $3, updated_at = now()
       WHERE tenant_id = $1 AND id = $2 RETURNING ${ENDPOINT}`,
      // The replaced secret moves to previous_secret as it is: both are bound to the endpoint, not the column.
      [tenantId, id, this.box.seal(secret, sealContext(id)), graceSeconds],
    );
    return row ?? null;
  }

  /** Takes the most overdue delivery with a lease, with its endpoint's secrets still valid (see JobRepository.claimDue). */
  async claimDue(leaseMs: number): Promise<(DeliveryRecord & DeliveryTarget) | null> {
    const [row] = await queryRows<DeliveryRecord & DeliveryTarget>(
      this.database,
      `WITH taken AS (
         UPDATE fulfillment.webhook_deliveries SET next_run_at = now() + make_interval(secs => $1), updated_at = now()
         WHERE id = (SELECT id FROM fulfillment.webhook_deliveries WHERE state = 'pending' AND next_run_at <= now()
                     ORDER BY next_run_at LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING ${DELIVERY})
       SELECT taken.*, e.url, e.secret, e.enabled,
              CASE WHEN e.previous_secret_expires_at > now() THEN e.previous_secret END AS previous_secret
       FROM taken JOIN fulfillment.webhook_endpoints e ON e.id = taken.endpoint_id`,
      [leaseMs / 1000],
    );
    if (!row) return null;
    const open = (stored: string) => this.box.open(stored, sealContext(row.endpoint_id));
    return { ...row, secret: open(row.secret), previous_secret: row.previous_secret === null ? null : open(row.previous_secret) };
  }

  /** Milliseconds until the next pending delivery is due (see JobRepository.nextDueInMs). */
  async nextDueInMs(): Promise<number | null> {
    return nextDueInMs(this.database, 'fulfillment.webhook_deliveries');
  }

  /**
   * Appends to the delivery's log, numbered on from its last entry: a redelivery starts a new
   * series of attempts, but the log of one delivery counts on (a delivery has one sender at a time).
   */
  async recordAttempt(attempt: Omit<AttemptRecord, 'at' | 'attempt'>): Promise<void> {
    await queryRows(
      this.database,
      `INSERT INTO fulfillment.webhook_attempts (delivery_id, attempt, status_code, latency_ms, error, response_snippet)
       SELECT $1, COALESCE(max(attempt), 0) + 1, $2, $3, $4, $5 FROM fulfillment.webhook_attempts WHERE delivery_id = $1 RETURNING 1`,
      [attempt.delivery_id, attempt.status_code, attempt.latency_ms, attempt.error, attempt.response_snippet],
    );
  }

  async settle(deliveryId: string, state: 'pending' | 'delivered' | 'failed', attempts: number, retryInMs: number): Promise<void> {
    await queryRows(
      this.database,
      `UPDATE fulfillment.webhook_deliveries SET state = $2, attempts = $3, next_run_at = now() + make_interval(secs => $4), updated_at = now()
       WHERE id = $1 RETURNING 1`,
      [deliveryId, state, attempts, retryInMs / 1000],
    );
  }

  /** Counts a failed attempt against the endpoint; disables it at `limit` (or at once for 410 Gone). */
  async endpointFailed(endpointId: string, limit: number, gone: boolean): Promise<void> {
    await queryRows(
      this.database,
      `UPDATE fulfillment.webhook_endpoints SET failure_streak = failure_streak + 1,
         enabled = CASE WHEN $3 OR failure_streak + 1 >= $2 THEN false ELSE enabled END,
         disabled_reason = CASE WHEN NOT enabled THEN disabled_reason
                                WHEN $3 THEN 'the endpoint answered 410 Gone'
                                WHEN failure_streak + 1 >= $2 THEN 'failed ' || (failure_streak + 1) || ' times in a row'
                                ELSE disabled_reason END,
         updated_at = now()
       WHERE id = $1 RETURNING 1`,
      [endpointId, limit, gone],
    );
  }

  async endpointSucceeded(endpointId: string): Promise<void> {
    await queryRows(this.database, `UPDATE fulfillment.webhook_endpoints SET failure_streak = 0 WHERE id = $1 AND failure_streak <> 0 RETURNING 1`, [endpointId]);
  }

  async deliveries(endpointId: string, limit: number, offset: number): Promise<{ deliveries: DeliveryRecord[]; attempts: AttemptRecord[]; total: number }> {
    const deliveries = await queryRows<DeliveryRecord & { total: string }>(
      this.database,
      `SELECT ${DELIVERY}, count(*) OVER () AS total FROM fulfillment.webhook_deliveries WHERE endpoint_id = $1
       ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [endpointId, limit, offset],
    );
    const attempts = await this.attempts(deliveries.map((d) => d.id));
    return { deliveries, attempts, total: deliveries[0] ? Number(deliveries[0].total) : 0 };
  }

  async attempts(deliveryIds: string[]): Promise<AttemptRecord[]> {
    if (deliveryIds.length === 0) return [];
    return queryRows<AttemptRecord>(
      this.database,
      `SELECT delivery_id, attempt, status_code, latency_ms, error, response_snippet, at FROM fulfillment.webhook_attempts
       WHERE delivery_id = ANY($1::uuid[]) ORDER BY delivery_id, attempt, id`,
      [deliveryIds],
    );
  }

  async findDelivery(endpointId: string, deliveryId: string): Promise<DeliveryRecord | null> {
    const [row] = await queryRows<DeliveryRecord>(this.database, `SELECT ${DELIVERY} FROM fulfillment.webhook_deliveries WHERE endpoint_id = $1 AND id = $2`, [endpointId, deliveryId]);
    return row ?? null;
  }

  /**
   * Sends a settled (delivered or failed) delivery again now, as a new series of attempts: the
   * attempt count starts over, the log keeps the old ones. Null when it is not settled (any more).
   */
  async redeliver(endpointId: string, deliveryId: string): Promise<DeliveryRecord | null> {
    const [row] = await queryRows<DeliveryRecord>(
      this.database,
      `UPDATE fulfillment.webhook_deliveries SET state = 'pending', attempts = 0, next_run_at = now(), updated_at = now()
       WHERE endpoint_id = $1 AND id = $2 AND state <> 'pending' RETURNING ${DELIVERY}`,
      [endpointId, deliveryId],
    );
    return row ?? null;
  }
}

/** What a sealed endpoint secret is bound to: its endpoint (a value moved to another row does not open). */
function sealContext(endpointId: string): string {
  return `fulfillment.webhook_endpoints:${endpointId}`;
}
