import grants from './001_grants.sql';
import orderEvents from './002_order_events.sql';
import deadLetters from './003_dead_letters.sql';

export interface ClickHouseMigration {
  version: number;
  name: string;
  sql: string;
}

/** Applied in order, once each; an applied file must never change (its checksum is kept). */
export const CLICKHOUSE_MIGRATIONS: ClickHouseMigration[] = [
  { version: 1, name: '001_grants', sql: grants },
  { version: 2, name: '002_order_events', sql: orderEvents },
  { version: 3, name: '003_dead_letters', sql: deadLetters },
];
