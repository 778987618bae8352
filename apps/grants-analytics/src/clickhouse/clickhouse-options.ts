import { ClickHouseOptions, migrateClickHouseStore } from '@phoenix/analytics';
import type { MigrateCommand } from '@phoenix/platform';
import { join, resolve } from 'node:path';
import type { AnalyticsConfig } from '../config';

/** The ClickHouse this app's config names: a server when CLICKHOUSE_URL is set, else chDB under DATA_DIR. */
export function clickHouseOptions(config: AnalyticsConfig): ClickHouseOptions {
  return {
    ...(config.CLICKHOUSE_URL ? { url: config.CLICKHOUSE_URL } : {}),
    ...(config.CLICKHOUSE_USER ? { username: config.CLICKHOUSE_USER } : {}),
    ...(config.CLICKHOUSE_PASSWORD ? { password: config.CLICKHOUSE_PASSWORD } : {}),
    ...(config.CLICKHOUSE_DATABASE ? { database: config.CLICKHOUSE_DATABASE } : {}),
    path: join(resolve(config.DATA_DIR), 'chdb'),
  };
}

/** The `migrate` run mode: the numbered ClickHouse migrations, on a client of its own. */
export const clickHouseMigration: MigrateCommand<AnalyticsConfig> = {
  target: 'ClickHouse',
  migrate: (config) => migrateClickHouseStore(clickHouseOptions(config)),
};
