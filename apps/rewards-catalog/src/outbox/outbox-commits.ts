import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import type { EntityManager, QueryRunner } from 'typeorm';
import { OutboxRelay } from './outbox.relay';

/** Set in a transaction's `queryRunner.data` once it has written outbox rows. */
const WROTE_OUTBOX = 'phoenix.wroteOutbox';

/** Marks the transaction of `manager` as one that wrote outbox rows: its commit wakes the relay. */
export function noteOutboxWrite(manager: EntityManager): void {
  if (manager.queryRunner) manager.queryRunner.data[WROTE_OUTBOX] = true;
}

/** The transaction has ended for good (not just a savepoint inside it). */
const ended = (runner: QueryRunner) => !runner.isTransactionActive;

/**
 * Wakes the outbox relay when a transaction that wrote outbox rows commits, so an event leaves
 * at once instead of at the next poll, and costs no database round trip (Postgres NOTIFY would
 * take the server's global notify lock at every purchase's commit). A commit only wakes the
 * relay of this replica; the relay of another replica that holds the lease still sees the rows,
 * as this one retries the lease until it has run a round of its own (OutboxRelay.run).
 */
@Injectable()
export class OutboxCommitWaker implements OnModuleInit, EntitySubscriberInterface {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!event.queryRunner.data[WROTE_OUTBOX] || !ended(event.queryRunner)) return;
    delete event.queryRunner.data[WROTE_OUTBOX];
    this.relay.wake();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (ended(event.queryRunner)) delete event.queryRunner.data[WROTE_OUTBOX];
  }
}
