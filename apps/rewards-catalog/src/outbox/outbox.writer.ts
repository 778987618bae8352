import { Injectable } from '@nestjs/common';
import { EVENT_CATALOG, EventEnvelope, EventType, OrderEventData } from '@phoenix/contracts';
import { queryRows, Transaction } from '@phoenix/persistence';
import { currentCarrier } from '@phoenix/platform';
import { randomUUID } from 'node:crypto';
import { noteOutboxWrite } from './outbox-commits';

/** Outbox rows not yet written, for a statement that inserts them along with their change. */
export interface OutboxRows {
  readonly count: number;
  readonly params: unknown[];
  /** `INSERT INTO catalog.outbox … VALUES …` with parameters numbered from `first`. */
  insert(first: number): string;
}

const COLUMNS = 6;

/**
 * Writes domain events into the outbox inside the caller's transaction: an event exists if
 * and only if the change it describes was committed. The relay publishes them once that
 * transaction commits (OutboxCommitWaker).
 */
@Injectable()
export class OutboxWriter {
  async append(tx: Transaction, tenantId: string, aggregateId: string, types: EventType[], data: OrderEventData): Promise<void> {
    if (types.length === 0) return;
    const rows = this.rows(tenantId, aggregateId, types, data);
    await queryRows(tx, rows.insert(1), rows.params);
    noteOutboxWrite(tx);
  }

  /**
   * The events' rows, for the caller to insert in the same statement as its change (see
   * OrderRepository.insert); that caller marks its transaction with noteOutboxWrite.
   */
  rows(tenantId: string, aggregateId: string, types: EventType[], data: OrderEventData): OutboxRows {
    const occurredAt = new Date().toISOString();
    // The request's trace continues in the consumers: the relay sends this as Kafka headers.
    const carrier = currentCarrier();
    const trace = Object.keys(carrier).length ? JSON.stringify(carrier) : null;
    const params = types.flatMap((type) => {
      const envelope: EventEnvelope<OrderEventData> = {
        event_id: randomUUID(),
        event_type: type,
        event_version: EVENT_CATALOG[type].version,
        tenant_id: tenantId,
        occurred_at: occurredAt,
        data,
      };
      return [envelope.event_id, tenantId, aggregateId, type, JSON.stringify(envelope), trace];
    });
    return {
      count: types.length,
      params,
      insert: (first) => {
        const tuples = types.map((_, row) => {
          const n = first + row * COLUMNS;
          return `($${n}, $${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5})`;
        });
        return `INSERT INTO catalog.outbox (event_id, tenant_id, aggregate_id, event_type, envelope, trace_context) VALUES ${tuples.join(', ')}`;
      },
    };
  }
}
