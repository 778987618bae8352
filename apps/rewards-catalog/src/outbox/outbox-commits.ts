import { Injectable, OnModuleInit } from '@nestjs/common';
import { Database, type Transaction } from '@phoenix/persistence';
import { OutboxRelay } from './outbox.relay';

/** Set in a transaction's `data` once it has written outbox rows. */
const WROTE_OUTBOX = 'phoenix.wroteOutbox';

/** Marks `tx` as a transaction that wrote outbox rows: its commit wakes the relay. */
export function noteOutboxWrite(tx: Transaction): void {
  tx.data[WROTE_OUTBOX] = true;
}

/**
 * Wakes the outbox relay when a transaction that wrote outbox rows commits, so an event leaves
 * at once instead of at the next poll, and costs no database round trip (Postgres NOTIFY would
 * take the server's global notify lock at every purchase's commit). A commit only wakes the
 * relay of this replica; the relay of another replica that holds the lease still sees the rows,
 * as this one retries the lease until it has run a round of its own (OutboxRelay.run).
 */
@Injectable()
export class OutboxCommitWaker implements OnModuleInit {
  constructor(
    private readonly database: Database,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit(): void {
    this.database.onTransactionEnd((tx, committed) => {
      if (committed && tx.data[WROTE_OUTBOX]) this.relay.wake();
    });
  }
}
