import { Injectable } from '@nestjs/common';
import { EVENT_CATALOG, EventEnvelope, EventType, OrderEventData } from '@phoenix/contracts';
import { queryRows } from '@phoenix/persistence';
import { currentCarrier } from '@phoenix/platform';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { noteOutboxWrite } from './outbox-commits';

/**
 * Writes domain events into the outbox inside the caller's transaction: an event exists if
 * and only if the change it describes was committed. The relay publishes them once that
 * transaction commits (OutboxCommitWaker).
 */
@Injectable()
export class OutboxWriter {
  async append(manager: EntityManager, tenantId: string, aggregateId: string, types: EventType[], data: OrderEventData): Promise<void> {
    if (types.length === 0) return;
    const occurredAt = new Date().toISOString();
    // The request's trace continues in the consumers: the relay sends this as Kafka headers.
    const carrier = currentCarrier();
    const trace = Object.keys(carrier).length ? JSON.stringify(carrier) : null;
    const params: unknown[] = [];
    const rows = types.map((type) => {
      const envelope: EventEnvelope<OrderEventData> = {
        event_id: randomUUID(),
        event_type: type,
        event_version: EVENT_CATALOG[type].version,
        tenant_id: tenantId,
        occurred_at: occurredAt,
        data,
      };
      params.push(envelope.event_id, tenantId, aggregateId, type, JSON.stringify(envelope), trace);
      const n = params.length;
      return `($${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
    });
    await queryRows(
      manager,
      `INSERT INTO catalog.outbox (event_id, tenant_id, aggregate_id, event_type, envelope, trace_context) VALUES ${rows.join(', ')}`,
      params,
    );
    noteOutboxWrite(manager);
  }
}
